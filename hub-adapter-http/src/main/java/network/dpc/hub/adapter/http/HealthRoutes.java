package network.dpc.hub.adapter.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Objects;
import network.dpc.hub.application.port.in.CheckHealthUseCase;
import network.dpc.hub.application.port.in.HealthReport;

/** {@code GET /}, {@code /health}, {@code /health/live} and {@code /health/ready}. */
public final class HealthRoutes implements HttpRoutes {

    public static final String PROJECT = "D-PC Federation Hub";

    private final CheckHealthUseCase health;
    private final String version;

    public HealthRoutes(CheckHealthUseCase health, String version) {
        this.health = Objects.requireNonNull(health, "health");
        this.version = Objects.requireNonNull(version, "version");
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/", ctx -> ctx.json(new RootResponse("ok", PROJECT, version)));
        routes.get("/health", ctx -> ctx.json(HealthResponse.from(health.check())));
        routes.get("/health/live", ctx -> ctx.json(new LiveResponse("alive")));
        routes.get("/health/ready", this::ready);
    }

    private void ready(Context ctx) {
        HealthReport report = health.check();
        if (report.ready()) {
            ctx.json(new ReadyResponse("ready", "healthy", "healthy", null, null));
        } else {
            String unreachable = report.databaseProblem().isPresent() ? "its database is unreachable"
                    : "its bus to the other hub instances is unreachable";
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE).json(new ReadyResponse("not_ready",
                    HealthResponse.databaseText(report), HealthResponse.instanceBusText(report),
                    "The hub cannot serve requests: " + unreachable, "not_ready"));
        }
    }

    record RootResponse(String status, String project, String version) {
    }

    record LiveResponse(String status) {
    }

    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record ReadyResponse(String status, String database, String instanceBus, String detail, String code) {
    }

    record HealthResponse(String status, String version, String database, long websocketConnections,
            long blacklistSize, long uptimeSeconds, String instanceId, String instanceBus) {

        static HealthResponse from(HealthReport report) {
            return new HealthResponse(report.ready() ? "healthy" : "degraded", report.version(),
                    databaseText(report), report.websocketConnections(), report.liveRevocations(),
                    report.uptimeSeconds(), report.instanceId(), instanceBusText(report));
        }

        static String instanceBusText(HealthReport report) {
            return report.instanceBusProblem().map(p -> "unhealthy: " + p).orElse("healthy");
        }

        static String databaseText(HealthReport report) {
            return report.databaseProblem().map(p -> "unhealthy: " + p).orElse("healthy");
        }
    }
}
