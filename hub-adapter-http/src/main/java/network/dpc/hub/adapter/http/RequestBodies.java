package network.dpc.hub.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;

/** Reads request bodies at the edge: JSON objects, and string fields of them, with 422 errors for bad shapes. */
public final class RequestBodies {

    private static final ObjectMapper JSON = JsonMapping.objectMapper();

    private RequestBodies() {
    }

    /** The body as a JSON object; an empty body is an empty object. */
    public static ObjectNode jsonObject(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        if (body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new ApiException(422, "invalid_json", "Request body is not valid JSON",
                    List.of(new ErrorResponse.FieldError("body", "not valid JSON")));
        }
        if (node == null || !node.isObject()) {
            throw ApiException.validation(List.of(new ErrorResponse.FieldError("body", "must be a JSON object")));
        }
        return (ObjectNode) node;
    }

    /** An optional string field: absent or null is empty; any other type is a 422. */
    public static Optional<String> optionalString(JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw ApiException.validation(List.of(new ErrorResponse.FieldError(field, "must be a string")));
        }
        return Optional.of(value.textValue());
    }

    /** A required, non-empty string field. */
    public static String requiredString(JsonNode object, String field) {
        return optionalString(object, field).filter(v -> !v.isEmpty()).orElseThrow(() -> ApiException.validation(
                List.of(new ErrorResponse.FieldError(field, "is required"))));
    }
}
