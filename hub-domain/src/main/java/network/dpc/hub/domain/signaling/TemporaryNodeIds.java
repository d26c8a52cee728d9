package network.dpc.hub.domain.signaling;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.user.UserId;

/**
 * Derives the temporary node id a user without a registered node speaks as: {@code dpc-node-temp-} + 16 hex
 * characters of a keyed SHA-256 of the user id. The same user always gets the same id from the same key (on every
 * instance and across restarts), and nobody without the key can work out whose id it is.
 */
public final class TemporaryNodeIds {

    private final byte[] key;

    /** {@code key} is a server secret of at least 16 bytes, shared by all instances. */
    public TemporaryNodeIds(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length < 16) {
            throw new IllegalArgumentException("the temporary node id key needs at least 16 bytes");
        }
        this.key = key.clone();
    }

    public NodeId forUser(UserId user) {
        Objects.requireNonNull(user, "user");
        MessageDigest sha256 = sha256();
        sha256.update(key);
        sha256.update(("\u0000dpc-node-temp\u0000" + user).getBytes(StandardCharsets.UTF_8));
        sha256.update(key);
        byte[] digest = sha256.digest();
        return NodeId.temporary(HexFormat.of().formatHex(digest, 0, 8));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
