package network.dpc.hub.domain.node;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import network.dpc.hub.domain.user.UserId;

/**
 * A single-use challenge a node signs to prove it holds its private key, bound to the user it was issued to and
 * valid for {@link #LIFETIME}.
 *
 * @param value the text the node signs (UTF-8), {@code dpc-hub-proof-} followed by 43 base64url characters
 */
public record NodeChallenge(String value, UserId owner, Instant expiresAt) {

    public static final Duration LIFETIME = Duration.ofMinutes(5);
    public static final int RANDOM_BYTES = 32;
    public static final int MAX_LENGTH = 200;
    private static final String PREFIX = "dpc-hub-proof-";

    public NodeChallenge {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a challenge is 1 to " + MAX_LENGTH + " characters");
        }
    }

    /** A new challenge for {@code owner} made from {@value #RANDOM_BYTES} random bytes, expiring after 5 minutes. */
    public static NodeChallenge issue(UserId owner, byte[] randomBytes, Instant now) {
        if (randomBytes.length != RANDOM_BYTES) {
            throw new IllegalArgumentException("a challenge needs " + RANDOM_BYTES + " random bytes");
        }
        String value = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes);
        return new NodeChallenge(value, owner, now.plus(LIFETIME));
    }

    /** Whether the challenge can no longer be used at {@code now}. */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
