package network.dpc.hub.application.port.in;

import java.time.Instant;
import java.util.Objects;
import network.dpc.hub.domain.user.UserId;

/**
 * The authenticated user behind a request or socket.
 *
 * @param tokenId the {@code jti} of the access token presented
 * @param tokenExpiresAt when that token expires (revocations need to be kept until then)
 */
public record Caller(UserId userId, String tokenId, Instant tokenExpiresAt) {

    public Caller {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(tokenExpiresAt, "tokenExpiresAt");
    }
}
