package network.dpc.hub.adapter.persistence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Turns a single-use secret (a login state, a hub code) into the key it is stored under: its SHA-256 digest. The
 * secrets are 256-bit random values, so an unsalted digest cannot be reversed, and a dump cannot be replayed.
 */
final class SecretHashes {

    private SecretHashes() {
    }

    static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
