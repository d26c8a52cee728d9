package network.dpc.hub.domain.profile;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An expertise topic as its owner wrote it ({@code "Machine Learning"}), 1–50 characters, whose canonical form
 * ({@link #canonical()}: lower-cased, then every character outside {@code [a-z0-9_]} removed, here
 * {@code machinelearning}) is what search matches and must not be empty.
 */
public record Topic(String written) {

    public static final int MAX_LENGTH = 50;

    public Topic {
        Objects.requireNonNull(written, "topic");
        problemWith(written).ifPresent(problem -> {
            throw new IllegalArgumentException("topic " + problem);
        });
    }

    /** Why {@code written} cannot be a topic (a phrase to follow "topic …"), or empty when it can. */
    public static Optional<String> problemWith(String written) {
        int length = written.codePointCount(0, written.length());
        if (length < 1 || length > MAX_LENGTH) {
            return Optional.of("must be 1-" + MAX_LENGTH + " characters");
        }
        if (written.indexOf('\0') >= 0) {
            return Optional.of("must not contain NUL characters");
        }
        if (canonicalise(written).isEmpty()) {
            return Optional.of("must contain a letter, digit or underscore");
        }
        return Optional.empty();
    }

    /** The canonical form of any text: lower-cased (locale-independent), then only {@code [a-z0-9_]} kept. */
    public static String canonicalise(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        StringBuilder canonical = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') {
                canonical.append(c);
            }
        }
        return canonical.toString();
    }

    /** The form search matches: never empty, only {@code [a-z0-9_]}. */
    public String canonical() {
        return canonicalise(written);
    }

    @Override
    public String toString() {
        return written;
    }
}
