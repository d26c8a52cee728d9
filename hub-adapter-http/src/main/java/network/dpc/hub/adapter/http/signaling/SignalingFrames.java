package network.dpc.hub.adapter.http.signaling;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.Optional;
import network.dpc.hub.adapter.http.JsonMapping;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.presence.PresenceSubscriptions;

/**
 * Reads client frames and writes hub frames of {@code /ws/signal}. Numbers keep their written form (a float
 * timestamp comes back as it was sent), and relayed objects keep every field the client sent.
 */
final class SignalingFrames {

    private final ObjectMapper json = JsonMapping.objectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    /** Everything of {@code auth_ok} after its node id, written once: only the node differs between sockets. */
    private final String authOkTail;

    SignalingFrames(SignalingSettings settings) {
        ObjectNode limits = json.createObjectNode();
        limits.put("max_message_bytes", settings.maxMessageBytes());
        limits.put("messages_per_second", settings.messagesPerSecond());
        limits.put("burst", settings.burst());
        limits.put("max_presence_subscriptions", PresenceSubscriptions.MAX_PER_SOCKET);
        limits.put("ping_interval_seconds", settings.pingInterval().toSeconds());
        limits.put("idle_timeout_seconds", settings.silenceTimeout().toSeconds());
        ObjectNode tail = json.createObjectNode();
        tail.put("protocol", 1);
        tail.put("hub_version", settings.hubVersion());
        tail.set("limits", limits);
        this.authOkTail = "," + write(tail).substring(1);
    }

    /** Parses a client frame; empty when it is not JSON at all. */
    Optional<JsonNode> parse(String text) {
        try {
            JsonNode node = json.readTree(text);
            return Optional.ofNullable(node).filter(n -> !n.isMissingNode());
        } catch (JsonProcessingException notJson) {
            return Optional.empty();
        }
    }

    /**
     * The first frame of every socket, as a JSON object with the fields in this order: {@code type},
     * {@code message}, {@code node_id}, {@code protocol}, {@code hub_version}, {@code limits}.
     */
    String authOk(NodeId node) {
        String quoted = new String(JsonStringEncoder.getInstance().quoteAsString(node.value()));
        return "{\"type\":\"auth_ok\",\"message\":\"Successfully connected as " + quoted + "\",\"node_id\":\""
                + quoted + "\"" + authOkTail;
    }

    /**
     * Reads {@code text} in one streaming pass, without building a tree, as a signal that can be relayed by
     * appending the hub's {@code sender_node_id}: a JSON object of type {@code signal} in which the client set no
     * {@code sender_node_id} of its own. Empty for anything else (text that is not JSON included), which
     * {@link #parse(String)} then handles.
     */
    Optional<SignalFrame> signal(String text) {
        try (JsonParser parser = json.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            boolean isSignal = false;
            JsonNode target = null;
            JsonNode id = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "type" -> isSignal = value == JsonToken.VALUE_STRING && "signal".equals(parser.getText());
                    case "target_node_id" -> target = value == JsonToken.VALUE_STRING
                            ? TextNode.valueOf(parser.getText()) : tree(parser, value);
                    case "id" -> id = tree(parser, value);
                    case "sender_node_id" -> {
                        return Optional.empty();
                    }
                    default -> parser.skipChildren();
                }
            }
            if (!isSignal || parser.currentToken() != JsonToken.END_OBJECT) {
                return Optional.empty();
            }
            return Optional.of(new SignalFrame(text, (int) parser.currentTokenLocation().getCharOffset(), target, id));
        } catch (IOException notJsonOrNotASignal) {
            return Optional.empty();
        }
    }

    private static JsonNode tree(JsonParser parser, JsonToken value) throws IOException {
        return value == JsonToken.VALUE_NULL ? NullNode.getInstance() : parser.readValueAsTree();
    }

    /** The whole client object with {@code sender_node_id} set by the hub, whatever the client put there. */
    String stamped(ObjectNode signal, NodeId sender) {
        signal.put("sender_node_id", sender.value());
        return write(signal);
    }

    /**
     * The client's signal exactly as it was written, with the hub's {@code sender_node_id} added as its last field
     * (a node id needs no escaping).
     */
    String stamped(SignalFrame signal, NodeId sender) {
        String node = sender.value();
        return new StringBuilder(signal.closingBrace() + node.length() + 22)
                .append(signal.text(), 0, signal.closingBrace())
                .append(",\"sender_node_id\":\"").append(node).append("\"}")
                .toString();
    }

    /**
     * A client {@code signal} read without a tree.
     *
     * @param text the frame as received
     * @param closingBrace where the top-level object closes in {@code text}
     * @param target the {@code target_node_id} value; null when there is none
     * @param id the {@code id} value; null when there is none
     */
    record SignalFrame(String text, int closingBrace, JsonNode target, JsonNode id) {
    }

    String relayed(JsonNode id) {
        ObjectNode frame = json.createObjectNode();
        frame.put("type", "relayed");
        frame.set("id", id);
        return write(frame);
    }

    String pong(JsonNode timestamp) {
        ObjectNode frame = json.createObjectNode();
        frame.put("type", "pong");
        frame.set("timestamp", timestamp == null ? NullNode.getInstance() : timestamp);
        return write(frame);
    }

    String presence(NodeId node, boolean online) {
        ObjectNode frame = json.createObjectNode();
        frame.put("type", "presence");
        frame.put("node_id", node.value());
        frame.put("online", online);
        return write(frame);
    }

    String error(SignalingError error, String message, JsonNode id) {
        return error(error.code(), message, id);
    }

    String error(String code, String message, JsonNode id) {
        ObjectNode frame = json.createObjectNode();
        frame.put("type", "error");
        frame.put("message", message);
        frame.put("code", code);
        if (id != null) {
            frame.set("id", id);
        }
        return write(frame);
    }

    /** The HTTP error body of a refused upgrade, shaped like every other HTTP error of the hub. */
    byte[] refusal(String detail, String code) {
        ObjectNode body = json.createObjectNode();
        body.put("detail", detail);
        body.put("code", code);
        return write(body).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }
}
