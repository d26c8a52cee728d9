package network.dpc.hub.domain.node;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * The PEM {@code SubjectPublicKeyInfo} text form of a public key, exactly as contract §2 defines it for node id
 * derivation: {@code -----BEGIN PUBLIC KEY-----\n}, the base64 of the DER in lines of 64 characters each ending in
 * {@code \n}, then {@code -----END PUBLIC KEY-----\n}.
 */
public final class PublicKeyPem {

    static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
    static final String END = "-----END PUBLIC KEY-----";
    private static final int LINE_LENGTH = 64;

    private PublicKeyPem() {
    }

    /** The canonical PEM text of {@code key}, whose {@link PublicKey#getEncoded()} must be X.509 SPKI DER. */
    public static String encode(PublicKey key) {
        Objects.requireNonNull(key, "key");
        byte[] der = key.getEncoded();
        if (der == null || !"X.509".equals(key.getFormat())) {
            throw new IllegalArgumentException("the key has no X.509 SubjectPublicKeyInfo encoding");
        }
        String base64 = Base64.getEncoder().encodeToString(der);
        StringBuilder pem = new StringBuilder(base64.length() + base64.length() / LINE_LENGTH + 64);
        pem.append(BEGIN).append('\n');
        for (int i = 0; i < base64.length(); i += LINE_LENGTH) {
            pem.append(base64, i, Math.min(base64.length(), i + LINE_LENGTH)).append('\n');
        }
        return pem.append(END).append('\n').toString();
    }

    /** The bytes the node id hash is taken over: the canonical text in ASCII (which equals its UTF-8). */
    static byte[] encodedBytes(PublicKey key) {
        return encode(key).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Reads an RSA public key from PEM SPKI text, whatever its line breaks; empty when the text is not one
     * (wrong armour, bad base64, not DER SPKI, not RSA, or a modulus the JDK refuses).
     */
    public static Optional<RSAPublicKey> decodeRsa(String pem) {
        if (pem == null) {
            return Optional.empty();
        }
        String text = pem.strip();
        if (!text.startsWith(BEGIN) || !text.endsWith(END) || text.length() < BEGIN.length() + END.length()) {
            return Optional.empty();
        }
        String body = text.substring(BEGIN.length(), text.length() - END.length()).replaceAll("\\s+", "");
        try {
            byte[] der = Base64.getDecoder().decode(body);
            PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
            return key instanceof RSAPublicKey rsa ? Optional.of(rsa) : Optional.empty();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
