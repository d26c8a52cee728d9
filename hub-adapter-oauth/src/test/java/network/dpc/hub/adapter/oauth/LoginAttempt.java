package network.dpc.hub.adapter.oauth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import network.dpc.hub.application.port.out.IdentityProvider.AuthorizationCallback;
import network.dpc.hub.application.port.out.IdentityProvider.AuthorizationRequest;

/**
 * One login attempt's secrets as the login service would make them: state, nonce and PKCE verifier.
 *
 * @param state the state value
 * @param nonce the nonce
 * @param codeVerifier the PKCE verifier
 * @param callbackUri the hub's callback
 */
record LoginAttempt(String state, String nonce, String codeVerifier, URI callbackUri) {

    private static final SecureRandom RANDOM = new SecureRandom();

    static LoginAttempt fresh(String provider) {
        return new LoginAttempt(random(), random(), random(),
                URI.create("http://127.0.0.1:8000/auth/" + provider + "/callback"));
    }

    AuthorizationRequest request() {
        return new AuthorizationRequest(state, nonce, codeVerifier, callbackUri);
    }

    AuthorizationCallback callback(String code) {
        return new AuthorizationCallback(code, codeVerifier, nonce, callbackUri);
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
