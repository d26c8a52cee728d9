package network.dpc.hub.application.fake;

import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import network.dpc.hub.application.port.out.TurnCredentialSigner;
import network.dpc.hub.domain.user.UserId;

/**
 * A TURN signer without cryptography for use-case tests: hands out sequential opaque handles per user and "signs" a
 * username by reversing it, and remembers what it signed.
 */
public final class InMemoryTurnCredentialSigner implements TurnCredentialSigner {

    private final Map<UserId, String> handles = new ConcurrentHashMap<>();
    private final Map<String, String> signed = new ConcurrentHashMap<>();
    private final AtomicLong next = new AtomicLong(1);

    @Override
    public String userHandle(UserId user) {
        return handles.computeIfAbsent(user, u -> "h" + HexFormat.of().toHexDigits(next.getAndIncrement()));
    }

    @Override
    public String password(String username) {
        String password = new StringBuilder(username).reverse().toString();
        signed.put(username, password);
        return password;
    }

    /** The usernames signed so far, with the password given for each. */
    public Map<String, String> signed() {
        return Map.copyOf(signed);
    }
}
