package network.dpc.hub.adapter.persistence.bus;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a frame that must wait in the database between two instances with AES-256-GCM under a fresh key per frame.
 * The key travels only in the notification to the receiving instance, never in a table, so what a dump, a backup
 * or a disk page of {@code signal_transit} may still hold after the row is deleted is unreadable.
 */
final class TransitSealer {

    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random;

    TransitSealer(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A sealed frame and the key (base64url) that opens it. */
    record Sealed(byte[] bytes, String key) {
    }

    Sealed seal(String frame) {
        byte[] key = new byte[KEY_BYTES];
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(key);
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(frame.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
            return new Sealed(out, Base64.getUrlEncoder().withoutPadding().encodeToString(key));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java platform", e);
        }
    }

    /**
     * Opens a sealed frame.
     *
     * @throws IllegalArgumentException when the key does not open it (tampered or mismatched)
     */
    String open(byte[] sealed, String key) {
        if (sealed.length <= NONCE_BYTES) {
            throw new IllegalArgumentException("sealed frame too short");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(Base64.getUrlDecoder().decode(key), "AES"),
                    new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            byte[] plain = cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the frame in transit could not be opened", e);
        }
    }
}
