package network.dpc.hub.adapter.http.metrics;

import static network.dpc.hub.adapter.http.TestHttpClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import network.dpc.hub.adapter.http.HttpSettings;
import network.dpc.hub.adapter.http.HubHttpServer;
import network.dpc.hub.adapter.http.TestHttpClient;
import network.dpc.hub.adapter.http.ratelimit.ClientAddresses;
import network.dpc.hub.application.port.in.RouteSignalCommand;
import network.dpc.hub.application.port.in.RouteSignalUseCase;
import network.dpc.hub.domain.shared.DomainException;
import network.dpc.hub.domain.shared.ErrorKind;
import network.dpc.hub.domain.signaling.RouteOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsRoutesTest {

    private static final String NODE = "dpc-node-438692b8555af8daf077c7746affc537";
    private final PrometheusHubMetrics metrics = new PrometheusHubMetrics("9.9.9-test");
    private final List<HubHttpServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(HubHttpServer::stop);
        metrics.close();
    }

    @Test
    void requestsAreTimedUnderTheirRouteTemplateAndErrorsCountedByCode() {
        TestHttpClient http = start(MetricsRoutes.LOOPBACK, List.of());

        assertThat(http.get("/things/" + NODE).statusCode()).isEqualTo(200);
        assertThat(http.get("/things/alice@example.org").statusCode()).isEqualTo(404);
        assertThat(http.get("/things/missing/deeper?token=eyJhbGciOiJIUzI1NiJ9.secret").statusCode()).isEqualTo(404);
        http.send(http.request("/things/" + NODE).method("BREWCOFFEE", java.net.http.HttpRequest.BodyPublishers
                .noBody()).build());
        HttpResponse<String> scrape = http.get("/metrics");

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("text/plain; version=0.0.4"));
        PrometheusText text = PrometheusText.parse(scrape.body());
        assertThat(text.value("http_server_requests_seconds_count",
                Map.of("method", "GET", "route", "/things/{id}", "status", "200"))).contains(1.0);
        assertThat(text.value("http_server_requests_seconds_count",
                Map.of("method", "GET", "route", "/things/{id}", "status", "404"))).contains(1.0);
        assertThat(text.value("http_server_requests_seconds_count",
                Map.of("method", "GET", "route", "unmatched", "status", "404"))).contains(1.0);
        assertThat(text.value("dpc_errors_total", Map.of("source", "http", "code", "thing_not_found")))
                .contains(1.0);
        assertThat(text.value("dpc_errors_total", Map.of("source", "http", "code", "not_found"))).contains(1.0);
        assertThat(text.value("http_server_requests_seconds_bucket",
                Map.of("route", "/things/{id}", "status", "200", "le", "10.0"))).contains(1.0);
        assertThat(String.join("\n", text.labelValues())).doesNotContain(NODE, "alice@example.org", "eyJ",
                "secret", "/things/missing", "BREW");
        assertThat(text.samples().stream().map(s -> s.labels().get("method")).filter(java.util.Objects::nonNull)
                .distinct()).allSatisfy(method -> assertThat(method).isIn("GET", "OTHER"));
    }

    @Test
    void onlyAllowedAddressesMayReadTheMetrics() {
        TestHttpClient refused = start(List.of("10.0.0.0/8"), List.of());

        HttpResponse<String> response = refused.get("/metrics");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response).get("code").asText()).isEqualTo("forbidden");
        assertThat(response.body()).doesNotContain("jvm_");
    }

    @Test
    void aRequestRelayedByAnUntrustedProxyIsRefusedEvenFromLoopback() {
        TestHttpClient http = start(MetricsRoutes.LOOPBACK, List.of());

        assertThat(http.send(http.request("/metrics").header("X-Forwarded-For", "203.0.113.9").build())
                .statusCode()).isEqualTo(403);
        assertThat(http.send(http.request("/metrics").header("Forwarded", "for=203.0.113.9").build())
                .statusCode()).isEqualTo(403);
    }

    @Test
    void behindATrustedProxyTheForwardedClientAddressDecides() {
        TestHttpClient http = start(List.of("192.0.2.0/24"), List.of("127.0.0.1", "::1"));

        assertThat(http.send(http.request("/metrics").header("X-Forwarded-For", "192.0.2.7").build())
                .statusCode()).isEqualTo(200);
        assertThat(http.send(http.request("/metrics").header("X-Forwarded-For", "203.0.113.9").build())
                .statusCode()).isEqualTo(403);
        assertThat(http.get("/metrics").statusCode()).as("loopback itself is not in the list").isEqualTo(403);
    }

    @Test
    void relaysSocketErrorsAndClosesAreCountedWithoutIdentifiers() {
        MeteredRouteSignal route = new MeteredRouteSignal(new RouteSignalUseCase() {
            @Override
            public RouteOutcome route(RouteSignalCommand command) {
                return command.target().endsWith("0") ? new RouteOutcome.TargetOffline(command.target())
                        : new RouteOutcome.Delivered(command.target());
            }

            @Override
            public Optional<RouteOutcome> routeWithoutWaiting(RouteSignalCommand command) {
                return command.target().endsWith("0") ? Optional.empty() : Optional.of(route(command));
            }
        }, metrics);

        RouteOutcome outcome = route.route(new RouteSignalCommand("dpc-node-0000000000000000", "{}"));
        assertThat(route.routeWithoutWaiting(new RouteSignalCommand("dpc-node-0000000000000000", "{}"))).isEmpty();
        route.route(new RouteSignalCommand(NODE, "{}"));
        route.routeWithoutWaiting(new RouteSignalCommand(NODE, "{}"));
        metrics.errorSent("invalid_json");
        metrics.errorSent("Not a code: " + NODE);
        metrics.socketClosed(4409);
        metrics.socketClosed(1001);

        assertThat(outcome).isEqualTo(new RouteOutcome.TargetOffline("dpc-node-0000000000000000"));
        PrometheusText text = PrometheusText.parse(metrics.scrape());
        assertThat(text.value("dpc_signal_relays_total", Map.of("outcome", "delivered"))).contains(2.0);
        assertThat(text.value("dpc_signal_relays_total", Map.of("outcome", "target_offline"))).contains(1.0);
        assertThat(text.value("dpc_signal_relays_total", Map.of("outcome", "relay_failed"))).contains(0.0);
        assertThat(text.value("dpc_errors_total", Map.of("source", "websocket", "code", "invalid_json")))
                .contains(1.0);
        assertThat(text.value("dpc_errors_total", Map.of("source", "websocket", "code", "other"))).contains(1.0);
        assertThat(text.value("dpc_websocket_closes_total", Map.of("code", "4409"))).contains(1.0);
        assertThat(text.value("dpc_hub_info", Map.of("version", "9.9.9-test"))).contains(1.0);
        assertThat(String.join("\n", text.labelValues())).doesNotContain("dpc-node-");
    }

    @Test
    void theSocketGaugeAndTheJvmAreMeasured() {
        metrics.gaugeSockets(() -> 7);

        PrometheusText text = PrometheusText.parse(metrics.scrape());

        assertThat(text.value("dpc_websocket_connections", Map.of())).contains(7.0);
        assertThat(text.samples()).anySatisfy(s -> assertThat(s.name()).isEqualTo("jvm_memory_used_bytes"));
        assertThat(text.samples()).anySatisfy(s -> assertThat(s.name()).isEqualTo("process_uptime_seconds"));
    }

    private TestHttpClient start(List<String> allowed, List<String> trustedProxies) {
        HubHttpServer server = new HubHttpServer(new HttpSettings("127.0.0.1", false, 64 * 1024), List.of(
                new MetricsRoutes(metrics, allowed, new ClientAddresses(trustedProxies)),
                routes -> routes.get("/things/{id}", ctx -> {
                    if (!ctx.pathParam("id").startsWith("dpc-node-")) {
                        throw new DomainException(ErrorKind.NOT_FOUND, "thing_not_found", "No such thing");
                    }
                    ctx.json(Map.of("ok", true));
                })));
        servers.add(server);
        return new TestHttpClient(server.start(0));
    }
}
