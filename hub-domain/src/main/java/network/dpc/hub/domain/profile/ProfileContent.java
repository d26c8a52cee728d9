package network.dpc.hub.domain.profile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a user writes into their public profile (contract §3): a name of 1–100 characters, an optional description
 * of at most 500, their {@link Expertise}, an optional {@link ComputeSpec} and an optional peer-to-peer URI hint of
 * at most 500 characters. Lengths count Unicode code points; no text may contain a NUL character.
 */
public record ProfileContent(String name, Optional<String> description, Expertise expertise,
        Optional<ComputeSpec> compute, Optional<String> p2pUriHint) {

    public static final int MAX_NAME = 100;
    public static final int MAX_DESCRIPTION = 500;
    public static final int MAX_P2P_URI_HINT = 500;
    /** More violations than this are not listed (the first ones are enough to fix the request). */
    static final int MAX_REPORTED_VIOLATIONS = 50;

    public ProfileContent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(expertise, "expertise");
        Objects.requireNonNull(compute, "compute");
        Objects.requireNonNull(p2pUriHint, "p2pUriHint");
        List<ProfileViolation> violations = new ArrayList<>();
        checkText("name", name, 1, MAX_NAME, violations);
        description.ifPresent(d -> checkText("description", d, 0, MAX_DESCRIPTION, violations));
        p2pUriHint.ifPresent(h -> checkText("p2p_uri_hint", h, 0, MAX_P2P_URI_HINT, violations));
        if (!violations.isEmpty()) {
            throw new InvalidProfileException(violations);
        }
    }

    /**
     * Checks every rule at once and builds the content.
     *
     * @param expertise written topic → level, in the order written
     * @param computeJson the serialised compute object, or {@code null}
     * @throws InvalidProfileException listing every violation found (at most 50)
     */
    public static ProfileContent validated(String name, String description, Map<String, Integer> expertise,
            String computeJson, String p2pUriHint) {
        List<ProfileViolation> violations = new ArrayList<>();
        if (name == null) {
            violations.add(new ProfileViolation("name", "is required"));
        } else {
            checkText("name", name, 1, MAX_NAME, violations);
        }
        if (description != null) {
            checkText("description", description, 0, MAX_DESCRIPTION, violations);
        }
        Map<Topic, Integer> levels = expertise == null ? Map.of() : checkExpertise(expertise, violations);
        if (computeJson != null && !ComputeSpec.fits(computeJson)) {
            violations.add(new ProfileViolation("compute", "must be at most " + ComputeSpec.MAX_BYTES
                    + " bytes serialised"));
        }
        if (p2pUriHint != null) {
            checkText("p2p_uri_hint", p2pUriHint, 0, MAX_P2P_URI_HINT, violations);
        }
        if (!violations.isEmpty()) {
            throw new InvalidProfileException(violations.subList(0,
                    Math.min(violations.size(), MAX_REPORTED_VIOLATIONS)));
        }
        try {
            return new ProfileContent(name, Optional.ofNullable(description), new Expertise(levels),
                    Optional.ofNullable(computeJson).map(ComputeSpec::new), Optional.ofNullable(p2pUriHint));
        } catch (IllegalArgumentException e) {
            throw new InvalidProfileException(List.of(new ProfileViolation("compute", "must be a JSON object")));
        }
    }

    /** The wire name of a topic's field, {@code expertise.<topic>}, shortened when the topic is overlong. */
    public static String topicField(String written) {
        int length = written.codePointCount(0, written.length());
        if (length <= Topic.MAX_LENGTH) {
            return "expertise." + written;
        }
        return "expertise." + written.substring(0, written.offsetByCodePoints(0, Topic.MAX_LENGTH)) + "…";
    }

    private static Map<Topic, Integer> checkExpertise(Map<String, Integer> expertise,
            List<ProfileViolation> violations) {
        if (expertise.size() > Expertise.MAX_TOPICS) {
            violations.add(new ProfileViolation("expertise", "must have at most " + Expertise.MAX_TOPICS
                    + " topics"));
        }
        Map<Topic, Integer> levels = new LinkedHashMap<>();
        Map<String, String> firstByCanonical = new HashMap<>();
        expertise.forEach((written, level) -> {
            String field = topicField(written);
            Optional<String> problem = Topic.problemWith(written);
            if (problem.isPresent()) {
                violations.add(new ProfileViolation(field, "topic " + problem.get()));
                return;
            }
            if (level == null || !Expertise.isLevel(level)) {
                violations.add(new ProfileViolation(field, "level must be an integer from "
                        + Expertise.MIN_LEVEL + " to " + Expertise.MAX_LEVEL));
                return;
            }
            Topic topic = new Topic(written);
            String earlier = firstByCanonical.putIfAbsent(topic.canonical(), written);
            if (earlier != null) {
                violations.add(new ProfileViolation(field, "topic is the same as \"" + earlier
                        + "\" once canonicalised (" + topic.canonical() + ")"));
                return;
            }
            levels.put(topic, level);
        });
        return levels;
    }

    private static void checkText(String field, String value, int min, int max, List<ProfileViolation> violations) {
        int length = value.codePointCount(0, value.length());
        if (length < min || length > max) {
            violations.add(new ProfileViolation(field, min > 0
                    ? "must be " + min + "-" + max + " characters" : "must be at most " + max + " characters"));
        } else if (value.indexOf('\0') >= 0) {
            violations.add(new ProfileViolation(field, "must not contain NUL characters"));
        }
    }
}
