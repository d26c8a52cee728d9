package network.dpc.hub.adapter.oauth;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/** Parses the JSON documents providers answer with; anything that is not the expected shape is simply absent. */
final class ProviderJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ProviderJson() {
    }

    /** The body as a JSON object, or empty when it is not valid JSON or not an object. */
    static Optional<JsonNode> object(String body) {
        return any(body).filter(JsonNode::isObject);
    }

    /** The member as non-blank text, or empty. */
    static Optional<String> text(JsonNode node, String member) {
        JsonNode value = node.get(member);
        return value != null && value.isTextual() && !value.asText().isBlank()
                ? Optional.of(value.asText()) : Optional.empty();
    }

    /** The body as any JSON value, or empty when it is not valid JSON. */
    static Optional<JsonNode> any(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(MAPPER.readTree(body));
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }
}
