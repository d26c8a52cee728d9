package network.dpc.hub.application.port.in;

import java.util.Optional;
import network.dpc.hub.domain.signaling.RouteOutcome;

/** Relays one signal to the socket of its target node. */
public interface RouteSignalUseCase {

    RouteOutcome route(RouteSignalCommand command);

    /**
     * Relays the signal only if that needs no waiting (its target's socket is on this instance, or the target is
     * not a node id at all), for callers on a thread that must not block.
     *
     * @return the outcome {@link #route} would have given, or empty when only {@link #route} can relay it
     */
    Optional<RouteOutcome> routeWithoutWaiting(RouteSignalCommand command);
}
