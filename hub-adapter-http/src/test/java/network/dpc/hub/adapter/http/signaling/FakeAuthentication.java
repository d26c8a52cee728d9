package network.dpc.hub.adapter.http.signaling;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import network.dpc.hub.application.port.in.AuthenticateUseCase;
import network.dpc.hub.application.port.in.Caller;
import network.dpc.hub.domain.shared.DomainException;
import network.dpc.hub.domain.shared.ErrorKind;
import network.dpc.hub.domain.user.UserId;

/** Maps token strings to callers, standing in for the token service; tokens can be revoked or expired. */
final class FakeAuthentication implements AuthenticateUseCase {

    private final Map<String, Caller> callers = new ConcurrentHashMap<>();
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private final Set<String> expired = ConcurrentHashMap.newKeySet();
    private volatile boolean broken;

    String tokenFor(UserId user) {
        String token = "tok-" + user + "-" + callers.size();
        callers.put(token, new Caller(user, "jti-" + callers.size(), Instant.parse("2099-01-01T00:00:00Z")));
        return token;
    }

    void revoke(String token) {
        revoked.add(token);
    }

    void expire(String token) {
        expired.add(token);
    }

    /** Makes every authentication fail as a database outage does (not a refusal: an infrastructure error). */
    void breakDown(boolean broken) {
        this.broken = broken;
    }

    @Override
    public Caller authenticate(String accessToken) {
        if (broken) {
            throw new IllegalStateException("connection pool exhausted");
        }
        if (revoked.contains(accessToken)) {
            throw new DomainException(ErrorKind.UNAUTHORIZED, "token_revoked", "Could not validate credentials");
        }
        if (expired.contains(accessToken)) {
            throw new DomainException(ErrorKind.UNAUTHORIZED, "token_expired", "Could not validate credentials");
        }
        Caller caller = callers.get(accessToken);
        if (caller == null) {
            throw new DomainException(ErrorKind.UNAUTHORIZED, "invalid_token", "Could not validate credentials");
        }
        return caller;
    }
}
