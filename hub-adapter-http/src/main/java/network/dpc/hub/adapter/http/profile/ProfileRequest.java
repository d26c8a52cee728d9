package network.dpc.hub.adapter.http.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import network.dpc.hub.adapter.http.ApiException;
import network.dpc.hub.adapter.http.ErrorResponse.FieldError;
import network.dpc.hub.adapter.http.JsonMapping;
import network.dpc.hub.domain.profile.Expertise;
import network.dpc.hub.domain.profile.InvalidProfileException;
import network.dpc.hub.domain.profile.ProfileContent;
import network.dpc.hub.domain.profile.ProfileViolation;

/**
 * The body of {@code PUT /profile}: the edge checks JSON types (strings, an object of integers, an object), the
 * domain checks every bound; both kinds of failure come back together as one 422 with a field error each.
 * Unknown fields are ignored.
 */
final class ProfileRequest {

    private static final ObjectMapper JSON = JsonMapping.objectMapper();
    private static final int MAX_FIELD_ERRORS = 50;

    private ProfileRequest() {
    }

    /** @throws ApiException 422 {@code validation_error} listing every offending field */
    static ProfileContent parse(ObjectNode body) {
        List<FieldError> typeErrors = new ArrayList<>();
        String name = text(body, "name", typeErrors);
        String description = text(body, "description", typeErrors);
        Map<String, Integer> expertise = expertise(body.get("expertise"), typeErrors);
        String compute = compute(body.get("compute"), typeErrors);
        String hint = text(body, "p2p_uri_hint", typeErrors);
        try {
            ProfileContent content = ProfileContent.validated(name, description, expertise, compute, hint);
            if (typeErrors.isEmpty()) {
                return content;
            }
        } catch (InvalidProfileException e) {
            Set<String> typed = new HashSet<>();
            typeErrors.forEach(error -> typed.add(error.field()));
            for (ProfileViolation violation : e.violations()) {
                if (!typed.contains(violation.field())) {
                    typeErrors.add(new FieldError(violation.field(), violation.message()));
                }
            }
        }
        throw ApiException.validation(typeErrors.subList(0, Math.min(typeErrors.size(), MAX_FIELD_ERRORS)));
    }

    /** A string field, or null when absent, null or of another type (which is a field error). */
    private static String text(JsonNode body, String field, List<FieldError> errors) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new FieldError(field, "must be a string"));
            return null;
        }
        return value.textValue();
    }

    private static Map<String, Integer> expertise(JsonNode value, List<FieldError> errors) {
        Map<String, Integer> levels = new LinkedHashMap<>();
        if (value == null || value.isNull()) {
            return levels;
        }
        if (!value.isObject()) {
            errors.add(new FieldError("expertise", "must be an object of topic to level (integer 1-5)"));
            return levels;
        }
        value.properties().forEach(entry -> {
            JsonNode level = entry.getValue();
            if (level.isIntegralNumber() && level.canConvertToInt()) {
                levels.put(entry.getKey(), level.intValue());
            } else {
                errors.add(new FieldError(ProfileContent.topicField(entry.getKey()), "level must be an integer from "
                        + Expertise.MIN_LEVEL + " to " + Expertise.MAX_LEVEL));
            }
        });
        return levels;
    }

    private static String compute(JsonNode value, List<FieldError> errors) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            errors.add(new FieldError("compute", "must be a JSON object"));
            return null;
        }
        if (containsNul(value)) {
            errors.add(new FieldError("compute", "must not contain NUL characters"));
            return null;
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            errors.add(new FieldError("compute", "must be a JSON object"));
            return null;
        }
    }

    /** Whether a NUL character hides in any key or string (PostgreSQL's jsonb cannot store one). */
    private static boolean containsNul(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue().indexOf('\0') >= 0;
        }
        if (node.isObject()) {
            for (var entry : node.properties()) {
                if (entry.getKey().indexOf('\0') >= 0 || containsNul(entry.getValue())) {
                    return true;
                }
            }
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (containsNul(element)) {
                    return true;
                }
            }
        }
        return false;
    }
}
