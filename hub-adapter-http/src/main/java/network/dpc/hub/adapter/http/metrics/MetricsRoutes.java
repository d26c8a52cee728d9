package network.dpc.hub.adapter.http.metrics;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.util.List;
import java.util.Objects;
import network.dpc.hub.adapter.http.ApiException;
import network.dpc.hub.adapter.http.ErrorResponse;
import network.dpc.hub.adapter.http.HttpRequestObserver;
import network.dpc.hub.adapter.http.HttpRoutes;
import network.dpc.hub.adapter.http.ratelimit.AddressRanges;
import network.dpc.hub.adapter.http.ratelimit.ClientAddresses;

/**
 * {@code GET /metrics} in the Prometheus text format, for clients whose address is in {@code METRICS_ALLOWED_IPS}
 * (others get 403), and the HTTP meters: every finished request is timed under its route template.
 */
public final class MetricsRoutes implements HttpRoutes, HttpRequestObserver {

    public static final String PATH = "/metrics";
    /** The default of {@code METRICS_ALLOWED_IPS}: loopback only. */
    public static final List<String> LOOPBACK = List.of("127.0.0.0/8", "::1");
    static final String UNMATCHED = "unmatched";
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusHubMetrics metrics;
    private final AddressRanges allowed;
    private final ClientAddresses addresses;

    /**
     * @param allowedAddresses IPs and CIDR ranges that may read the metrics
     * @param addresses how the client's address is found behind trusted proxies
     */
    public MetricsRoutes(PrometheusHubMetrics metrics, List<String> allowedAddresses, ClientAddresses addresses) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.allowed = new AddressRanges(allowedAddresses);
        this.addresses = Objects.requireNonNull(addresses, "addresses");
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get(PATH, this::scrape);
    }

    private void scrape(Context ctx) {
        if (!mayRead(ctx)) {
            throw new ApiException(403, "forbidden", "Metrics are not available to this address");
        }
        ctx.header("Cache-Control", "no-store");
        ctx.contentType(CONTENT_TYPE).result(metrics.scrape());
    }

    /**
     * The client's address must be allowed. A request relayed by a proxy (it carries {@code X-Forwarded-For} or
     * {@code Forwarded}) is judged by the forwarded address when the proxy is trusted, and refused otherwise: a
     * reverse proxy on the same host must not make every client look like loopback.
     */
    private boolean mayRead(Context ctx) {
        String peer = ctx.req().getRemoteAddr();
        String forwardedFor = ctx.header("X-Forwarded-For");
        boolean relayed = forwardedFor != null && !forwardedFor.isBlank() || ctx.header("Forwarded") != null;
        if (!relayed) {
            return allowed.contains(peer);
        }
        if (!addresses.isTrusted(peer) || forwardedFor == null) {
            return false;
        }
        return allowed.contains(addresses.clientOf(peer, forwardedFor));
    }

    @Override
    public void completed(Context ctx, float executionMillis) {
        int status = ctx.statusCode();
        metrics.requestCompleted(ctx.method().name(), routeTemplate(ctx), status,
                (long) (executionMillis * 1_000_000L));
        if (status >= 400) {
            String code = ctx.attribute(ErrorResponse.CODE_ATTRIBUTE);
            metrics.httpError(code != null ? code : "http_" + status);
        }
    }

    /** The template of the endpoint that answered ({@code /nodes/{node_id}}), never the path that was asked for. */
    static String routeTemplate(Context ctx) {
        try {
            Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
            return endpoint == null || !endpoint.method.isHttpMethod() ? UNMATCHED : endpoint.path;
        } catch (RuntimeException noEndpoint) {
            return UNMATCHED;
        }
    }
}
