package network.dpc.hub.application.port.in;

import network.dpc.hub.domain.signaling.RouteOutcome;

/** Relays one signal to the socket of its target node. */
public interface RouteSignalUseCase {

    RouteOutcome route(RouteSignalCommand command);
}
