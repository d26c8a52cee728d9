package network.dpc.hub.domain.node;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The address of a device: {@code dpc-node-} followed by 16 (original format) or 32 (today's client) lowercase
 * hex characters derived from the device's public key, or a hub-assigned temporary id
 * {@code dpc-node-temp-<16 hex>} for a user who has not registered a node yet.
 */
public record NodeId(String value) {

    private static final Pattern REGISTRABLE = Pattern.compile("dpc-node-(?:[0-9a-f]{16}|[0-9a-f]{32})");
    private static final Pattern TEMPORARY = Pattern.compile("dpc-node-temp-[0-9a-f]{16}");

    public NodeId {
        Objects.requireNonNull(value, "node id");
        if (!REGISTRABLE.matcher(value).matches() && !TEMPORARY.matcher(value).matches()) {
            throw new IllegalArgumentException("a node id is dpc-node- followed by 16 or 32 lowercase hex characters");
        }
    }

    /** Whether {@code text} is a node id a device may register (never a temporary one). */
    public static boolean isRegistrable(String text) {
        return text != null && REGISTRABLE.matcher(text).matches();
    }

    /** Parses a node id a device may register; throws {@link IllegalArgumentException} for anything else. */
    public static NodeId registrable(String text) {
        if (!isRegistrable(text)) {
            throw new IllegalArgumentException("a node id is dpc-node- followed by 16 or 32 lowercase hex characters");
        }
        return new NodeId(text);
    }

    /** The temporary id of a user without a node, built from 16 lowercase hex characters. */
    public static NodeId temporary(String sixteenHex) {
        return new NodeId("dpc-node-temp-" + sixteenHex);
    }

    public boolean isTemporary() {
        return value.startsWith("dpc-node-temp-");
    }

    @Override
    public String toString() {
        return value;
    }
}
