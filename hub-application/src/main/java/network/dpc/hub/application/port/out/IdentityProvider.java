package network.dpc.hub.application.port.out;

import java.net.URI;

/**
 * Signs a person in at one external OAuth 2.0 / OpenID Connect provider (Google, GitHub, a generic issuer) and
 * reports their verified e-mail address. Failures are {@link network.dpc.hub.domain.shared.DomainException}s:
 * {@code UNAVAILABLE/provider_error} when the provider cannot be reached or answers badly,
 * {@code UNAUTHORIZED/email_not_verified} when no verified address exists, {@code UNAUTHORIZED/invalid_id_token}
 * when the ID token fails verification, {@code INVALID/oauth_exchange_failed} when the code is refused.
 */
public interface IdentityProvider {

    /** The provider's name as it appears in URLs: {@code google}, {@code github} or {@code oidc}. */
    String name();

    /** The provider URL the browser is sent to, carrying state, nonce, PKCE S256 challenge, scopes and callback. */
    URI authorizationUrl(AuthorizationRequest request);

    /** Exchanges the authorization code and returns the verified identity of the person who signed in. */
    VerifiedIdentity complete(AuthorizationCallback callback);

    /**
     * What the hub asks the provider for.
     *
     * @param state the single-use state value
     * @param nonce the OpenID Connect nonce (ignored by providers without ID tokens)
     * @param codeVerifier the PKCE verifier; the provider adapter derives the S256 challenge from it
     * @param callbackUri the hub's own callback, {@code <PUBLIC_URL>/auth/{provider}/callback}
     */
    record AuthorizationRequest(String state, String nonce, String codeVerifier, URI callbackUri) {
    }

    /**
     * What came back to the hub's callback, with the values remembered for this login attempt.
     *
     * @param code the authorization code from the provider
     * @param codeVerifier the PKCE verifier of this attempt
     * @param nonce the nonce of this attempt; an ID token must carry exactly it
     * @param callbackUri the same callback URI as in the authorization request
     */
    record AuthorizationCallback(String code, String codeVerifier, String nonce, URI callbackUri) {
    }

    /**
     * A person whose e-mail address the provider vouches for.
     *
     * @param email the verified e-mail address (as the provider spelled it; the domain normalises it)
     * @param provider the provider's name
     * @param subject the provider's own stable id of the person, for logs never; for diagnostics only
     */
    record VerifiedIdentity(String email, String provider, String subject) {
    }
}
