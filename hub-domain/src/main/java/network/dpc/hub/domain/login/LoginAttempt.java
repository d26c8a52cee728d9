package network.dpc.hub.domain.login;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One sign-in in progress, remembered between {@code /login/{provider}} and the provider's callback. It is found by
 * its single-use {@code state}, bound to one provider, and expires after {@link #LIFETIME}.
 *
 * @param clientCodeChallenge present when a native client asked for the PKCE hub-code flow instead of tokens in
 *     the redirect URL
 */
public record LoginAttempt(String state, String provider, String nonce, String codeVerifier, URI clientRedirect,
        Optional<String> clientCodeChallenge, Instant expiresAt) {

    public static final Duration LIFETIME = Duration.ofMinutes(10);

    public LoginAttempt {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(codeVerifier, "codeVerifier");
        Objects.requireNonNull(clientRedirect, "clientRedirect");
        Objects.requireNonNull(clientCodeChallenge, "clientCodeChallenge");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** Whether this attempt is usable for a callback of {@code callbackProvider} at {@code now}. */
    public boolean acceptsCallback(String callbackProvider, Instant now) {
        return provider.equals(callbackProvider) && !isExpiredAt(now);
    }
}
