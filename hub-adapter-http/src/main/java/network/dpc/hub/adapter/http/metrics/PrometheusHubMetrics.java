package network.dpc.hub.adapter.http.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import network.dpc.hub.adapter.http.signaling.SignalingMetrics;
import network.dpc.hub.application.port.out.ConnectionGauge;
import network.dpc.hub.domain.signaling.RouteOutcome;

/**
 * The hub's meters in one Micrometer registry exposed in the Prometheus text format: HTTP latency by route
 * template, errors by code, signal relays by outcome, socket counts and closes, the JVM and the process. Every label
 * value comes from a small fixed set (route templates, error codes, outcomes, close codes): never a node id, an
 * e-mail address, a token or a raw path.
 */
public final class PrometheusHubMetrics implements SignalingMetrics, AutoCloseable {

    /** The latency histogram's buckets: 5 ms to 10 s. */
    static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};
    /** Codes are machine words of the contract; anything else is counted as {@code other}. */
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,47}");
    /** Any other method (a client may send any token) is counted as {@code OTHER}, so labels stay a fixed set. */
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
            "TRACE", "CONNECT", "QUERY");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Counter relaysDelivered = relays("delivered");
    private final Counter relaysTargetOffline = relays("target_offline");
    private final Counter relaysFailed = relays("relay_failed");

    /** @param version the hub's version, published as {@code dpc_hub_info{version}} */
    public PrometheusHubMetrics(String version) {
        Objects.requireNonNull(version, "version");
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        Gauge.builder("dpc.hub.info", () -> 1).description("The hub's version (always 1)")
                .tag("version", version).register(registry);
    }

    /** The registry, for binding further meters (the database pool's). */
    public MeterRegistry registry() {
        return registry;
    }

    /** Everything measured, in the Prometheus text exposition format 0.0.4. */
    public String scrape() {
        return registry.scrape();
    }

    /** Publishes the number of open sockets as {@code dpc_websocket_connections}. */
    public void gaugeSockets(ConnectionGauge sockets) {
        Gauge.builder("dpc.websocket.connections", sockets, ConnectionGauge::openConnections)
                .description("Signaling sockets open on this instance").strongReference(true).register(registry);
    }

    /** One answered HTTP request; {@code route} must be the route template, never the requested path. */
    void requestCompleted(String method, String route, int status, long nanos) {
        Timer.builder("http.server.requests")
                .description("HTTP requests by method, route template and status")
                .tag("method", METHODS.contains(method) ? method : "OTHER")
                .tag("route", route)
                .tag("status", String.valueOf(status))
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** An HTTP error answered with this code. */
    void httpError(String code) {
        errors("http", code).increment();
    }

    /** A signal relayed (or not), by outcome. */
    public void relayed(RouteOutcome outcome) {
        Counter counter = switch (outcome) { // looked up once: this runs for every relayed signal
            case RouteOutcome.Delivered delivered -> relaysDelivered;
            case RouteOutcome.TargetOffline offline -> relaysTargetOffline;
            case RouteOutcome.RelayFailed failed -> relaysFailed;
        };
        counter.increment();
    }

    @Override
    public void errorSent(String code) {
        errors("websocket", code).increment();
    }

    @Override
    public void socketClosed(int closeCode) {
        Counter.builder("dpc.websocket.closes").description("Signaling sockets closed, by close code")
                .tag("code", closeCode >= 1000 && closeCode <= 4999 ? String.valueOf(closeCode) : "other")
                .register(registry).increment();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }

    private Counter relays(String outcome) {
        return Counter.builder("dpc.signal.relays").description("Signals the hub was asked to relay, by outcome")
                .tag("outcome", outcome).register(registry);
    }

    private Counter errors(String source, String code) {
        return Counter.builder("dpc.errors").description("Errors answered, by source (http, websocket) and code")
                .tag("source", source)
                .tag("code", code != null && CODE.matcher(code).matches() ? code : "other")
                .register(registry);
    }
}
