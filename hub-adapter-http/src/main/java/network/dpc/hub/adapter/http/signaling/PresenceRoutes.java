package network.dpc.hub.adapter.http.signaling;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import network.dpc.hub.adapter.http.ApiException;
import network.dpc.hub.adapter.http.BearerAuthentication;
import network.dpc.hub.adapter.http.ErrorResponse;
import network.dpc.hub.adapter.http.HttpRoutes;
import network.dpc.hub.adapter.http.RequestBodies;
import network.dpc.hub.application.port.in.QueryPresenceUseCase;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.presence.PresenceStatus;

/** {@code GET /presence/{node_id}} and {@code POST /presence/query} (contract §5), for authenticated callers. */
public final class PresenceRoutes implements HttpRoutes {

    private final QueryPresenceUseCase presence;
    private final BearerAuthentication bearer;

    public PresenceRoutes(QueryPresenceUseCase presence, BearerAuthentication bearer) {
        this.presence = Objects.requireNonNull(presence, "presence");
        this.bearer = Objects.requireNonNull(bearer, "bearer");
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/presence/{node_id}", this::one);
        routes.post("/presence/query", this::many);
    }

    private void one(Context ctx) {
        bearer.caller(ctx);
        String text = ctx.pathParam("node_id");
        if (!isNodeId(text)) {
            throw ApiException.validation(List.of(new ErrorResponse.FieldError("node_id", "not a node id")));
        }
        ctx.json(PresenceResponse.from(presence.query(List.of(new NodeId(text))).getFirst()));
    }

    private void many(Context ctx) {
        bearer.caller(ctx);
        List<NodeId> nodes = nodeIds(RequestBodies.jsonObject(ctx));
        ctx.json(presence.query(nodes).stream().map(PresenceResponse::from).toList());
    }

    private static List<NodeId> nodeIds(JsonNode body) {
        JsonNode array = body.get("node_ids");
        if (array == null || !array.isArray()) {
            throw ApiException.validation(List.of(new ErrorResponse.FieldError("node_ids", "must be a list")));
        }
        if (array.size() > QueryPresenceUseCase.MAX_NODES) {
            throw ApiException.validation(List.of(new ErrorResponse.FieldError("node_ids",
                    "at most " + QueryPresenceUseCase.MAX_NODES + " node ids")));
        }
        List<ErrorResponse.FieldError> errors = new ArrayList<>();
        List<NodeId> nodes = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode element = array.get(i);
            if (element.isTextual() && isNodeId(element.asText())) {
                nodes.add(new NodeId(element.asText()));
            } else {
                errors.add(new ErrorResponse.FieldError("node_ids[" + i + "]", "not a node id"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return nodes;
    }

    private static boolean isNodeId(String text) {
        try {
            new NodeId(text);
            return true;
        } catch (IllegalArgumentException | NullPointerException notANodeId) {
            return false;
        }
    }

    /** One node's presence on the wire: {@code last_seen} is null while online or never seen. */
    record PresenceResponse(String nodeId, boolean online, Instant lastSeen) {

        static PresenceResponse from(PresenceStatus status) {
            return new PresenceResponse(status.node().value(), status.online(), status.lastSeen().orElse(null));
        }
    }
}
