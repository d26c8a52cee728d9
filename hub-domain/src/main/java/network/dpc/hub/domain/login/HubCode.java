package network.dpc.hub.domain.login;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import network.dpc.hub.domain.user.UserId;

/**
 * A one-time code a native client exchanges at {@code POST /token} for its tokens (RFC 8252 + PKCE): valid
 * {@link #LIFETIME}, single use, bound to the client's S256 challenge and redirect URI.
 */
public record HubCode(String code, UserId userId, String codeChallenge, URI redirectUri, Instant expiresAt) {

    public static final Duration LIFETIME = Duration.ofSeconds(60);

    public HubCode {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(codeChallenge, "codeChallenge");
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Whether the exchange presents the matching verifier and redirect URI before expiry. */
    public boolean redeemableWith(String codeVerifier, URI presentedRedirect, Instant now) {
        return now.isBefore(expiresAt) && redirectUri.equals(presentedRedirect)
                && Pkce.matches(codeVerifier, codeChallenge);
    }
}
