package network.dpc.hub.application.port.in;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import network.dpc.hub.domain.user.UserId;

/**
 * Issues short-lived TURN credentials (the "TURN REST API" scheme coturn's {@code use-auth-secret} understands) so
 * a peer behind a strict NAT can relay its media; refuses with {@code UNAVAILABLE/turn_not_configured} when the hub
 * has no TURN server.
 */
public interface IssueTurnCredentialsUseCase {

    TurnCredentials issue(UserId caller);

    /**
     * Credentials valid until the expiry written into the username.
     *
     * @param username {@code <expiry unix seconds>:<opaque user handle>}
     * @param password base64 of HMAC-SHA1(shared secret, username)
     * @param ttl how long they stay valid
     * @param uris the TURN/STUN servers to use them with
     */
    record TurnCredentials(String username, String password, Duration ttl, List<String> uris) {

        public TurnCredentials {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(ttl, "ttl");
            uris = List.copyOf(uris);
        }
    }
}
