package network.dpc.hub.domain.node;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The SHA-256, in lowercase hex, of a public key's canonical PEM text ({@link PublicKeyPem}); a node id is
 * {@code dpc-node-} followed by its first 16 (original format) or 32 (today's client) characters.
 */
public record NodeKeyFingerprint(String sha256Hex) {

    private static final Pattern HEX_64 = Pattern.compile("[0-9a-f]{64}");
    private static final String PREFIX = "dpc-node-";

    public NodeKeyFingerprint {
        Objects.requireNonNull(sha256Hex, "sha256Hex");
        if (!HEX_64.matcher(sha256Hex).matches()) {
            throw new IllegalArgumentException("a key fingerprint is 64 lowercase hex characters");
        }
    }

    /** The fingerprint of {@code key}: SHA-256 over its canonical PEM text, never over the DER. */
    public static NodeKeyFingerprint of(PublicKey key) {
        return new NodeKeyFingerprint(sha256Hex(PublicKeyPem.encodedBytes(key)));
    }

    /** The 25-character node id of the original format. */
    public NodeId shortNodeId() {
        return new NodeId(PREFIX + sha256Hex.substring(0, 16));
    }

    /** The 41-character node id today's client sends. */
    public NodeId longNodeId() {
        return new NodeId(PREFIX + sha256Hex.substring(0, 32));
    }

    /** Whether {@code nodeId} is derived from this key, comparing as many hex characters as the id carries. */
    public boolean identifies(NodeId nodeId) {
        if (nodeId == null || !NodeId.isRegistrable(nodeId.value())) {
            return false;
        }
        String hex = nodeId.value().substring(PREFIX.length());
        return sha256Hex.startsWith(hex);
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
