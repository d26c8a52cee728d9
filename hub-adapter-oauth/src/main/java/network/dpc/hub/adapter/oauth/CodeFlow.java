package network.dpc.hub.adapter.oauth;

import com.github.scribejava.core.builder.ServiceBuilder;
import com.github.scribejava.core.exceptions.OAuthException;
import com.github.scribejava.core.httpclient.HttpClient;
import com.github.scribejava.core.model.OAuth2AccessToken;
import com.github.scribejava.core.oauth.AccessTokenRequestParams;
import com.github.scribejava.core.oauth.OAuth20Service;
import com.github.scribejava.core.pkce.PKCE;
import com.github.scribejava.core.pkce.PKCECodeChallengeMethod;
import java.io.IOException;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import network.dpc.hub.domain.shared.DomainException;

/**
 * The authorization-code-with-PKCE steps every provider shares, done with ScribeJava: building the authorization
 * URL with an S256 challenge, and exchanging the code with the verifier.
 */
final class CodeFlow {

    static final String USER_AGENT = "dpc-hub";

    private CodeFlow() {
    }

    /** A ScribeJava service for one attempt; the callback differs per request, the HTTP client is shared. */
    static OAuth20Service service(ProviderOAuthApi api, String clientId, String clientSecret, URI callbackUri,
            HttpClient httpClient) {
        return new ServiceBuilder(clientId)
                .apiSecret(clientSecret)
                .callback(callbackUri.toString())
                .userAgent(USER_AGENT)
                .httpClient(httpClient)
                .responseType("code")
                .build(api);
    }

    /** The URL the browser is sent to: response type, client, callback, scope, state, S256 challenge and extras. */
    static URI authorizationUrl(OAuth20Service service, String scope, String state, String codeVerifier,
            Map<String, String> extraParameters) {
        requireText(state, "state");
        return URI.create(service.createAuthorizationUrlBuilder()
                .scope(scope)
                .state(state)
                .pkce(s256(codeVerifier))
                .additionalParams(extraParameters)
                .build());
    }

    /** Exchanges the code; refusals and outages surface as the domain errors of {@link ProviderFailures}. */
    static OAuth2AccessToken exchange(String provider, OAuth20Service service, String code, String codeVerifier) {
        requireText(code, "code");
        requireVerifier(codeVerifier);
        try {
            return service.getAccessToken(AccessTokenRequestParams.create(code).pkceCodeVerifier(codeVerifier));
        } catch (DomainException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProviderFailures.unavailable(provider, "interrupted while exchanging the code", e);
        } catch (IOException | ExecutionException | OAuthException | IllegalArgumentException e) {
            throw ProviderFailures.unavailable(provider, "code exchange failed", e);
        }
    }

    static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    private static PKCE s256(String codeVerifier) {
        requireVerifier(codeVerifier);
        PKCE pkce = new PKCE();
        pkce.setCodeVerifier(codeVerifier);
        pkce.setCodeChallengeMethod(PKCECodeChallengeMethod.S256);
        try {
            pkce.setCodeChallenge(PKCECodeChallengeMethod.S256.transform2CodeChallenge(codeVerifier));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        return pkce;
    }

    /** RFC 7636: 43 to 128 characters from the unreserved set. */
    private static void requireVerifier(String codeVerifier) {
        if (codeVerifier == null || !codeVerifier.matches("[A-Za-z0-9._~-]{43,128}")) {
            throw new IllegalArgumentException("codeVerifier must be 43 to 128 unreserved characters (RFC 7636)");
        }
    }
}
