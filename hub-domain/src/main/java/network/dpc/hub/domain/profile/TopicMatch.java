package network.dpc.hub.domain.profile;

import java.util.Locale;
import java.util.Optional;

/** How a search query is compared with canonical topics. */
public enum TopicMatch {
    /** The canonical topic equals the canonical query. */
    EXACT,
    /** The canonical topic starts with the canonical query. */
    PREFIX;

    /** {@code exact} or {@code prefix}; anything else is empty. */
    public static Optional<TopicMatch> parse(String text) {
        return switch (text) {
            case "exact" -> Optional.of(EXACT);
            case "prefix" -> Optional.of(PREFIX);
            default -> Optional.empty();
        };
    }

    public boolean matches(String canonicalTopic, String canonicalQuery) {
        return this == EXACT ? canonicalTopic.equals(canonicalQuery) : canonicalTopic.startsWith(canonicalQuery);
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
