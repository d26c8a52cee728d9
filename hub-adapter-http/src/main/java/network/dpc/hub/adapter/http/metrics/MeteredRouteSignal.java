package network.dpc.hub.adapter.http.metrics;

import java.util.Objects;
import java.util.Optional;
import network.dpc.hub.application.port.in.RouteSignalCommand;
import network.dpc.hub.application.port.in.RouteSignalUseCase;
import network.dpc.hub.domain.signaling.RouteOutcome;

/** Decorates the relay use case to count its outcomes, so the application itself stays free of metrics. */
public final class MeteredRouteSignal implements RouteSignalUseCase {

    private final RouteSignalUseCase route;
    private final PrometheusHubMetrics metrics;

    public MeteredRouteSignal(RouteSignalUseCase route, PrometheusHubMetrics metrics) {
        this.route = Objects.requireNonNull(route, "route");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public RouteOutcome route(RouteSignalCommand command) {
        RouteOutcome outcome = route.route(command);
        metrics.relayed(outcome);
        return outcome;
    }

    @Override
    public Optional<RouteOutcome> routeWithoutWaiting(RouteSignalCommand command) {
        Optional<RouteOutcome> outcome = route.routeWithoutWaiting(command);
        outcome.ifPresent(metrics::relayed); // counted once: when empty, the relay is counted by route()
        return outcome;
    }
}
