package network.dpc.hub.domain.profile;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What a node offers to compute, an opaque JSON object the hub stores and returns but never interprets; the
 * domain only bounds it: serialised, at most 4 KiB of UTF-8, and an object ({@code {…}}).
 *
 * @param json the serialised JSON object (its syntax is checked where it was parsed, at the edge)
 */
public record ComputeSpec(String json) {

    public static final int MAX_BYTES = 4 * 1024;

    public ComputeSpec {
        Objects.requireNonNull(json, "compute");
        if (json.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new IllegalArgumentException("compute must be at most " + MAX_BYTES + " bytes serialised");
        }
        String stripped = json.strip();
        if (!stripped.startsWith("{") || !stripped.endsWith("}")) {
            throw new IllegalArgumentException("compute must be a JSON object");
        }
    }

    public static boolean fits(String json) {
        return json.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
    }
}
