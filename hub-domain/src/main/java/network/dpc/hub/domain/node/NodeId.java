package network.dpc.hub.domain.node;

import java.util.Objects;

/**
 * The address of a device: {@code dpc-node-} followed by 16 (original format) or 32 (today's client) lowercase
 * hex characters derived from the device's public key, or a hub-assigned temporary id
 * {@code dpc-node-temp-<16 hex>} for a user who has not registered a node yet.
 */
public record NodeId(String value) {

    private static final String PREFIX = "dpc-node-";
    private static final String TEMPORARY_PREFIX = "dpc-node-temp-";

    public NodeId {
        Objects.requireNonNull(value, "node id");
        if (!hasRegistrableForm(value) && !hasTemporaryForm(value)) {
            throw new IllegalArgumentException("a node id is dpc-node- followed by 16 or 32 lowercase hex characters");
        }
    }

    /** Whether {@code text} is a node id a device may register (never a temporary one). */
    public static boolean isRegistrable(String text) {
        return text != null && hasRegistrableForm(text);
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

    // Checked by hand rather than with a regular expression: every relayed signal names its target (hot path).

    /** {@code dpc-node-} and 16 or 32 lowercase hex characters. */
    private static boolean hasRegistrableForm(String text) {
        int hex = text.length() - PREFIX.length();
        return (hex == 16 || hex == 32) && text.startsWith(PREFIX) && isLowerHex(text, PREFIX.length());
    }

    /** {@code dpc-node-temp-} and 16 lowercase hex characters. */
    private static boolean hasTemporaryForm(String text) {
        return text.length() == TEMPORARY_PREFIX.length() + 16 && text.startsWith(TEMPORARY_PREFIX)
                && isLowerHex(text, TEMPORARY_PREFIX.length());
    }

    private static boolean isLowerHex(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return value;
    }
}
