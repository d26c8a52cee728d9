package network.dpc.hub.adapter.http.node;

/**
 * A cheap, iterative walk over DER tag-length-value framing that runs before any ASN.1 object is built: exactly
 * one element spanning the input, definite lengths only, every length within its parent, nesting bounded. It keeps
 * hostile input (indefinite lengths, absurd nesting that a recursive parser would follow) away from the parser.
 */
final class DerFraming {

    /** A certificate nests about ten levels deep; this leaves ample room. */
    static final int MAX_DEPTH = 32;
    private static final int MAX_TAG_BYTES = 4;
    private static final int MAX_LENGTH_BYTES = 4;

    private DerFraming() {
    }

    /** Whether {@code der} is exactly one well-framed DER element nested at most {@code maxDepth} deep. */
    static boolean isWellFramed(byte[] der, int maxDepth) {
        int[] ends = new int[maxDepth + 1];
        ends[0] = der.length;
        int depth = 0;
        int pos = 0;
        int topLevel = 0;
        while (true) {
            while (depth > 0 && pos == ends[depth]) {
                depth--;
            }
            if (pos == ends[depth]) {
                return topLevel == 1;
            }
            if (depth == 0 && ++topLevel > 1) {
                return false;
            }
            int limit = ends[depth];
            int tag = der[pos++] & 0xff;
            if ((tag & 0x1f) == 0x1f) {
                int tagBytes = 0;
                int next;
                do {
                    if (pos >= limit || ++tagBytes > MAX_TAG_BYTES) {
                        return false;
                    }
                    next = der[pos++] & 0xff;
                } while ((next & 0x80) != 0);
            }
            if (pos >= limit) {
                return false;
            }
            int length = der[pos++] & 0xff;
            if (length == 0x80) {
                return false;
            }
            if (length > 0x80) {
                int count = length & 0x7f;
                if (count > MAX_LENGTH_BYTES) {
                    return false;
                }
                length = 0;
                for (int i = 0; i < count; i++) {
                    if (pos >= limit) {
                        return false;
                    }
                    length = (length << 8) | (der[pos++] & 0xff);
                }
                if (length < 0) {
                    return false;
                }
            }
            if (length > limit - pos) {
                return false;
            }
            if ((tag & 0x20) != 0) {
                if (depth == maxDepth) {
                    return false;
                }
                ends[++depth] = pos + length;
            } else {
                pos += length;
            }
        }
    }
}
