package network.dpc.hub.domain.profile;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a user knows: at most 100 topics, each with a level from 1 (beginner) to 5 (expert), and no two topics
 * with the same canonical form. Equality ignores the order the topics were written in.
 */
public record Expertise(Map<Topic, Integer> levels) {

    public static final int MAX_TOPICS = 100;
    public static final int MIN_LEVEL = 1;
    public static final int MAX_LEVEL = 5;

    public Expertise {
        Objects.requireNonNull(levels, "levels");
        if (levels.size() > MAX_TOPICS) {
            throw new IllegalArgumentException("at most " + MAX_TOPICS + " topics");
        }
        Set<String> canonical = new HashSet<>();
        levels.forEach((topic, level) -> {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(level, "level");
            if (!isLevel(level)) {
                throw new IllegalArgumentException("level of " + topic + " must be " + MIN_LEVEL + "-" + MAX_LEVEL);
            }
            if (!canonical.add(topic.canonical())) {
                throw new IllegalArgumentException("two topics have the canonical form " + topic.canonical());
            }
        });
        levels = Collections.unmodifiableMap(new LinkedHashMap<>(levels));
    }

    public static Expertise none() {
        return new Expertise(Map.of());
    }

    public static boolean isLevel(int level) {
        return level >= MIN_LEVEL && level <= MAX_LEVEL;
    }

    /** Canonical topic → level, the form search uses. */
    public Map<String, Integer> byCanonicalTopic() {
        Map<String, Integer> canonical = new LinkedHashMap<>();
        levels.forEach((topic, level) -> canonical.put(topic.canonical(), level));
        return canonical;
    }

    /** The level of the topic whose canonical form is {@code canonicalTopic}, or 0 when there is none. */
    public int levelOf(String canonicalTopic) {
        for (Map.Entry<Topic, Integer> entry : levels.entrySet()) {
            if (entry.getKey().canonical().equals(canonicalTopic)) {
                return entry.getValue();
            }
        }
        return 0;
    }

    public int size() {
        return levels.size();
    }
}
