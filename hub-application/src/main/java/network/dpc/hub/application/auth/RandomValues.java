package network.dpc.hub.application.auth;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/** Unguessable URL-safe values (state, nonce, PKCE verifier, one-time codes) from an injected random source. */
public final class RandomValues {

    private final SecureRandom random;

    public RandomValues(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /** {@code bytes} random bytes, base64url-encoded without padding. */
    public String urlSafe(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }
}
