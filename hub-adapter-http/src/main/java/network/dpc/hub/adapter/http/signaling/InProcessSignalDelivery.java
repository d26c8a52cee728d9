package network.dpc.hub.adapter.http.signaling;

import java.util.Objects;
import java.util.Optional;
import network.dpc.hub.application.port.out.SignalDelivery;
import network.dpc.hub.application.port.out.SignalEndpoint;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.signaling.RouteOutcome;
import network.dpc.hub.domain.signaling.SessionTable;

/**
 * Delivers signals to the sockets of this hub instance, looked up in the shared session table; a cross-instance
 * delivery wraps it and tries other instances when this one reports the target offline.
 */
public final class InProcessSignalDelivery implements SignalDelivery {

    private final SessionTable<SignalEndpoint> sessions;

    public InProcessSignalDelivery(SessionTable<SignalEndpoint> sessions) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
    }

    @Override
    public RouteOutcome deliver(NodeId target, String frame) {
        return sessions.socketOf(target).<RouteOutcome>map(socket -> {
            try {
                socket.send(frame);
                return new RouteOutcome.Delivered(target.value());
            } catch (IllegalStateException cannotTake) {
                return new RouteOutcome.RelayFailed(target.value());
            }
        }).orElseGet(() -> new RouteOutcome.TargetOffline(target.value()));
    }

    /** Every delivery here is to this process's own sockets: none waits. */
    @Override
    public Optional<RouteOutcome> deliverWithoutWaiting(NodeId target, String frame) {
        return Optional.of(deliver(target, frame));
    }
}
