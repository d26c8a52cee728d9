package network.dpc.hub.domain.profile;

import java.util.Objects;
import network.dpc.hub.domain.shared.DomainException;
import network.dpc.hub.domain.shared.ErrorKind;

/**
 * A discovery query (contract §4): profiles having the canonical {@code topic} (or, with {@link TopicMatch#PREFIX},
 * a topic starting with it) at a level of at least {@code minLevel}, one page of {@code limit} results from
 * {@code offset}, optionally only nodes online now. Every bound broken is a {@link DomainException} of kind
 * INVALID with code {@value #CODE} (HTTP 400).
 *
 * @param topic the canonical form of the query text; may be empty when the text had no letter, digit or
 *     underscore, and then nothing matches
 */
public record ProfileSearch(String topic, TopicMatch match, int minLevel, int limit, int offset,
        boolean onlineOnly) {

    public static final String CODE = "invalid_query";
    public static final int MAX_QUERY_LENGTH = 100;
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 100;

    public ProfileSearch {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(match, "match");
        if (!Topic.canonicalise(topic).equals(topic)) {
            throw new IllegalArgumentException("topic must be canonical");
        }
        if (!Expertise.isLevel(minLevel)) {
            throw invalid("min_level must be an integer from " + Expertise.MIN_LEVEL + " to " + Expertise.MAX_LEVEL);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw invalid("limit must be an integer from 1 to " + MAX_LIMIT);
        }
        if (offset < 0) {
            throw invalid("offset must be an integer of at least 0");
        }
    }

    /**
     * The search for the query text {@code q} as the client sent it.
     *
     * @throws DomainException INVALID {@value #CODE} when {@code q} is missing or empty, longer than 100
     *     characters, or a bound is broken
     */
    public static ProfileSearch of(String q, TopicMatch match, int minLevel, int limit, int offset,
            boolean onlineOnly) {
        if (q == null || q.isEmpty()) {
            throw invalid("q is required and must not be empty");
        }
        if (q.codePointCount(0, q.length()) > MAX_QUERY_LENGTH) {
            throw invalid("q must be at most " + MAX_QUERY_LENGTH + " characters");
        }
        return new ProfileSearch(Topic.canonicalise(q), match, minLevel, limit, offset, onlineOnly);
    }

    /** A search with every optional parameter at its default: exact match, level ≥ 1, 50 results, online or not. */
    public static ProfileSearch of(String q) {
        return of(q, TopicMatch.EXACT, Expertise.MIN_LEVEL, DEFAULT_LIMIT, 0, false);
    }

    public static DomainException invalid(String sentence) {
        return new DomainException(ErrorKind.INVALID, CODE, sentence);
    }

    /** Whether no profile can match (the canonical query is empty), so no store need be asked. */
    public boolean matchesNothing() {
        return topic.isEmpty();
    }

    /** The level at which {@code expertise} matches this search, or 0 when it does not match. */
    public int levelIn(Expertise expertise) {
        int best = 0;
        for (var entry : expertise.byCanonicalTopic().entrySet()) {
            if (match.matches(entry.getKey(), topic) && entry.getValue() >= minLevel) {
                best = Math.max(best, entry.getValue());
            }
        }
        return best;
    }
}
