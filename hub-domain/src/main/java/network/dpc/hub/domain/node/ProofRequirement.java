package network.dpc.hub.domain.node;

import java.util.Locale;

/** Whether a registration must carry a proof of possession ({@code NODE_PROOF=optional|required}). */
public enum ProofRequirement {
    /** A proof is checked when sent; the field client, which sends none, registers without one. */
    OPTIONAL,
    /** A registration without a proof fails check 9. */
    REQUIRED;

    /** Parses {@code optional} or {@code required} (any case); throws {@link IllegalArgumentException} else. */
    public static ProofRequirement parse(String text) {
        if (text != null) {
            switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "optional" -> {
                    return OPTIONAL;
                }
                case "required" -> {
                    return REQUIRED;
                }
                default -> {
                }
            }
        }
        throw new IllegalArgumentException("NODE_PROOF must be optional or required");
    }
}
