package network.dpc.hub.adapter.http.signaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import network.dpc.hub.application.port.in.RouteSignalCommand;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.presence.PresenceStatus;
import network.dpc.hub.domain.shared.DomainException;
import network.dpc.hub.domain.signaling.RouteOutcome;
import network.dpc.hub.domain.signaling.SocketClose;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles each frame a client sends on {@code /ws/signal}: parse, call the use case, map the outcome to a reply.
 * Errors answer with an error frame and keep the socket open, except an oversize frame (closed with 1009).
 * Nothing here logs a payload, a token or who signals whom. It runs on the thread that read the frame, which must
 * not wait: what may wait for the database (a relay to another instance, presence subscriptions) is returned as the
 * rest of the message's handling, for a thread that may.
 */
final class SignalingMessages {

    private static final Logger log = LoggerFactory.getLogger(SignalingMessages.class);

    private final SignalingUseCases useCases;
    private final SignalingFrames frames;
    private final int maxMessageBytes;
    private final SignalingMetrics metrics;

    SignalingMessages(SignalingUseCases useCases, SignalingFrames frames, int maxMessageBytes,
            SignalingMetrics metrics) {
        this.useCases = Objects.requireNonNull(useCases, "useCases");
        this.frames = Objects.requireNonNull(frames, "frames");
        this.maxMessageBytes = maxMessageBytes;
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * Handles one text message as far as that needs no waiting.
     *
     * @return the rest of its handling, to run (before the socket's next message) on a thread that may wait; null
     *     when the message is done
     */
    Runnable onText(SignalingConnection from, String text) {
        from.heard();
        if (isOversize(text)) {
            refuseOversize(from);
            return null;
        }
        Optional<SignalingFrames.SignalFrame> signal = frames.signal(text);
        if (signal.isPresent()) {
            return relayWithoutTree(from, signal.get());
        }
        Optional<JsonNode> parsed = frames.parse(text);
        JsonNode id = parsed.filter(JsonNode::isObject).map(n -> n.get("id")).orElse(null);
        if (!from.tryTakeMessage()) {
            reply(from, errorFrame(SignalingError.RATE_LIMITED, SignalingError.RATE_LIMITED.sentence(), id));
            return null;
        }
        if (parsed.isEmpty()) {
            error(from, SignalingError.INVALID_JSON, null);
            return null;
        }
        if (!(parsed.get() instanceof ObjectNode message)) {
            reply(from, errorFrame(SignalingError.PROCESSING_ERROR, "A message must be a JSON object", null));
            return null;
        }
        return answered(from, id, () -> dispatch(from, message, id));
    }

    void onBinary(SignalingConnection from, int length) {
        from.heard();
        if (length > maxMessageBytes) {
            refuseOversize(from);
            return;
        }
        if (!from.tryTakeMessage()) {
            error(from, SignalingError.RATE_LIMITED, null);
            return;
        }
        reply(from, errorFrame(SignalingError.PROCESSING_ERROR, "Binary frames are not supported", null));
    }

    /** @return what is left to do on a thread that may wait, or null */
    private Runnable dispatch(SignalingConnection from, ObjectNode message, JsonNode id) {
        JsonNode type = message.get("type");
        switch (type != null && type.isTextual() ? type.asText() : "") {
            case "signal" -> {
                return relay(from, message.get("target_node_id"), id, () -> frames.stamped(message, from.node()));
            }
            case "ping" -> reply(from, frames.pong(message.get("timestamp")));
            case "presence_subscribe" -> {
                return answered(from, id, () -> subscribe(from, message, id));
            }
            case "presence_unsubscribe" -> unsubscribe(from, message, id);
            default -> error(from, SignalingError.UNKNOWN_MESSAGE_TYPE, id);
        }
        return null;
    }

    /** The hot path: a well-formed signal is relayed as written, plus the hub's {@code sender_node_id}. */
    private Runnable relayWithoutTree(SignalingConnection from, SignalingFrames.SignalFrame signal) {
        if (!from.tryTakeMessage()) {
            reply(from, frames.error(SignalingError.RATE_LIMITED, SignalingError.RATE_LIMITED.sentence(),
                    signal.id()));
            return null;
        }
        return answered(from, signal.id(),
                () -> relay(from, signal.target(), signal.id(), () -> frames.stamped(signal, from.node())));
    }

    /**
     * Runs {@code handling}, answering a broken rule or an unexpected failure with an error frame; the rest it
     * returns is wrapped the same way.
     */
    private Runnable answered(SignalingConnection from, JsonNode id, Supplier<Runnable> handling) {
        try {
            Runnable rest = handling.get();
            return rest == null ? null : () -> answered(from, id, () -> {
                rest.run();
                return null;
            });
        } catch (DomainException rule) {
            reply(from, errorFrame(rule.code(), rule.getMessage(), id));
        } catch (RuntimeException unexpected) {
            log.warn("Could not process a signaling message ({})", unexpected.getClass().getSimpleName());
            error(from, SignalingError.PROCESSING_ERROR, id);
        }
        return null;
    }

    /**
     * Relays a signal at once when its target's socket is on this instance; otherwise returns the relay, which asks
     * the other instances and may wait.
     */
    private Runnable relay(SignalingConnection from, JsonNode target, JsonNode id, Supplier<String> stamped) {
        if (target == null || target.isNull() || (target.isTextual() && target.asText().isEmpty())) {
            error(from, SignalingError.MISSING_TARGET, id);
            return null;
        }
        if (!target.isTextual()) {
            reply(from, errorFrame(SignalingError.PROCESSING_ERROR, "target_node_id must be a string", id));
            return null;
        }
        RouteSignalCommand command = new RouteSignalCommand(target.asText(), stamped.get());
        Optional<RouteOutcome> now = useCases.route().routeWithoutWaiting(command);
        if (now.isPresent()) {
            answer(from, now.get(), id);
            return null;
        }
        return () -> answer(from, useCases.route().route(command), id);
    }

    private void answer(SignalingConnection from, RouteOutcome outcome, JsonNode id) {
        switch (outcome) {
            case RouteOutcome.Delivered delivered -> {
                if (id != null) {
                    reply(from, frames.relayed(id));
                }
            }
            case RouteOutcome.TargetOffline offline -> reply(from, errorFrame(SignalingError.TARGET_OFFLINE,
                    "Target node " + offline.target() + " is not connected", id));
            case RouteOutcome.RelayFailed failed -> error(from, SignalingError.RELAY_FAILED, id);
        }
    }

    /** Checks the node ids at once; the subscription (which asks the presence directory) is the rest. */
    private Runnable subscribe(SignalingConnection from, ObjectNode message, JsonNode id) {
        Optional<List<NodeId>> nodes = nodeIds(message);
        if (nodes.isEmpty()) {
            reply(from, errorFrame(SignalingError.PROCESSING_ERROR, "node_ids must be a list of node ids", id));
            return null;
        }
        return () -> {
            for (PresenceStatus status : useCases.subscribe().subscribe(from, nodes.get())) {
                reply(from, frames.presence(status.node(), status.online()));
            }
        };
    }

    /** Subscriptions are kept in memory: dropping some never waits. */
    private void unsubscribe(SignalingConnection from, ObjectNode message, JsonNode id) {
        Optional<List<NodeId>> nodes = nodeIds(message);
        if (nodes.isEmpty()) {
            reply(from, errorFrame(SignalingError.PROCESSING_ERROR, "node_ids must be a list of node ids", id));
            return;
        }
        useCases.unsubscribe().unsubscribe(from, nodes.get());
    }

    /** The {@code node_ids} array, when it is one and holds only well-formed node ids. */
    private static Optional<List<NodeId>> nodeIds(ObjectNode message) {
        JsonNode array = message.get("node_ids");
        if (array == null || !array.isArray()) {
            return Optional.empty();
        }
        List<NodeId> nodes = new ArrayList<>(array.size());
        for (JsonNode element : array) {
            if (!element.isTextual()) {
                return Optional.empty();
            }
            try {
                nodes.add(new NodeId(element.asText()));
            } catch (IllegalArgumentException malformed) {
                return Optional.empty();
            }
        }
        return Optional.of(nodes);
    }

    private boolean isOversize(String text) {
        // A char is at most 3 bytes of UTF-8: only count exactly when the length alone cannot decide.
        if (text.length() > maxMessageBytes) {
            return true;
        }
        return (long) text.length() * 3 > maxMessageBytes
                && text.getBytes(StandardCharsets.UTF_8).length > maxMessageBytes;
    }

    private void refuseOversize(SignalingConnection from) {
        reply(from, errorFrame(SignalingError.MESSAGE_TOO_LARGE,
                "Message larger than " + maxMessageBytes + " bytes", null));
        from.close(SocketClose.MESSAGE_TOO_LARGE);
    }

    /** An error frame, counted by its code. */
    private String errorFrame(SignalingError error, String message, JsonNode id) {
        return errorFrame(error.code(), message, id);
    }

    private String errorFrame(String code, String message, JsonNode id) {
        metrics.errorSent(code);
        return frames.error(code, message, id);
    }

    private void error(SignalingConnection to, SignalingError error, JsonNode id) {
        reply(to, errorFrame(error, error.sentence(), id));
    }

    private static void reply(SignalingConnection to, String frame) {
        try {
            to.send(frame);
        } catch (IllegalStateException closing) {
            // The socket is closed or over its outbound limit (and being closed): there is nobody to answer.
        }
    }
}
