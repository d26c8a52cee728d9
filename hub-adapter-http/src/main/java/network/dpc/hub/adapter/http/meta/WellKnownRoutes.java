package network.dpc.hub.adapter.http.meta;

import io.javalin.config.RoutesConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import network.dpc.hub.adapter.http.HealthRoutes;
import network.dpc.hub.adapter.http.HttpRoutes;
import network.dpc.hub.adapter.http.metrics.MetricsRoutes;
import network.dpc.hub.adapter.http.signaling.JavalinSignalingSocket;
import network.dpc.hub.adapter.http.turn.TurnRoutes;
import network.dpc.hub.application.port.in.QueryPresenceUseCase;
import network.dpc.hub.domain.presence.PresenceSubscriptions;

/**
 * {@code GET /.well-known/dpc-hub}: the hub's version, protocol, sign-in providers, limits and features, so a client
 * can adapt before it signs in. Public, and the same for everyone.
 */
public final class WellKnownRoutes implements HttpRoutes {

    public static final String PATH = "/.well-known/dpc-hub";

    private final WellKnownDocument document;

    public WellKnownRoutes(HubDescription hub) {
        this.document = WellKnownDocument.from(Objects.requireNonNull(hub, "hub"));
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get(PATH, ctx -> ctx.header("Cache-Control", "public, max-age=300").json(document));
    }

    /** The document on the wire (snake_case). */
    record WellKnownDocument(String name, String version, int protocol, List<String> providers,
            Map<String, String> endpoints, Map<String, Long> limits, List<String> features) {

        static WellKnownDocument from(HubDescription hub) {
            Map<String, String> endpoints = new LinkedHashMap<>();
            endpoints.put("websocket", JavalinSignalingSocket.PATH);
            endpoints.put("ws_ticket", JavalinSignalingSocket.TICKET_PATH);
            endpoints.put("turn_credentials", TurnRoutes.PATH);
            endpoints.put("openapi", ApiDocsRoutes.DOCUMENT_PATH);
            endpoints.put("docs", ApiDocsRoutes.PAGE_PATH);
            endpoints.put("health", "/health");
            endpoints.put("metrics", MetricsRoutes.PATH);
            Map<String, Long> limits = new LinkedHashMap<>();
            limits.put("max_message_bytes", (long) hub.signaling().maxMessageBytes());
            limits.put("messages_per_second", (long) hub.signaling().messagesPerSecond());
            limits.put("burst", (long) hub.signaling().burst());
            limits.put("ping_interval_seconds", hub.signaling().pingInterval().toSeconds());
            limits.put("idle_timeout_seconds", hub.signaling().silenceTimeout().toSeconds());
            limits.put("ws_ticket_seconds", hub.signaling().ticketTtl().toSeconds());
            limits.put("max_presence_subscriptions", (long) PresenceSubscriptions.MAX_PER_SOCKET);
            limits.put("max_presence_query", (long) QueryPresenceUseCase.MAX_NODES);
            limits.put("max_nodes_per_user", (long) hub.maxNodesPerUser());
            limits.put("max_request_bytes", hub.maxRequestBytes());
            limits.put("access_token_seconds", hub.accessTokenLifetime().toSeconds());
            limits.put("refresh_token_seconds", hub.refreshTokenLifetime().toSeconds());
            List<String> features = new ArrayList<>(List.of("presence", "relay_ack", "ws_ticket",
                    "pkce_code_exchange", "multiple_nodes", "node_proof"));
            if (hub.nodeProofRequired()) {
                features.add("node_proof_required");
            }
            if (hub.turn()) {
                features.add("turn");
            }
            if (hub.rateLimits()) {
                features.add("rate_limits");
            }
            return new WellKnownDocument(HealthRoutes.PROJECT, hub.version(), HubDescription.PROTOCOL,
                    hub.providers(), endpoints, limits, List.copyOf(features));
        }
    }
}
