package network.dpc.hub.domain.token;

import java.util.Locale;

/** What a hub JWT may be used for: calling the API (access) or obtaining new access tokens (refresh). */
public enum TokenType {
    ACCESS,
    REFRESH;

    /** The value of the {@code type} claim. */
    public String claim() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a {@code type} claim; throws {@link IllegalArgumentException} for anything else. */
    public static TokenType fromClaim(String claim) {
        for (TokenType type : values()) {
            if (type.claim().equals(claim)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown token type");
    }
}
