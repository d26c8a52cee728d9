package network.dpc.hub.application.port.out;

import java.util.Optional;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.signaling.RouteOutcome;

/**
 * Hands a frame to the socket that holds a node, on this instance or (in a cross-instance adapter) on another one;
 * it never stores the frame nor who sent it to whom.
 */
public interface SignalDelivery {

    /**
     * Relays {@code frame} to {@code target}'s socket.
     *
     * @return {@link RouteOutcome.Delivered} once handed on, {@link RouteOutcome.TargetOffline} when no socket of
     *     the node is connected anywhere, {@link RouteOutcome.RelayFailed} when the socket or the bus failed
     */
    RouteOutcome deliver(NodeId target, String frame);

    /**
     * Relays {@code frame} to {@code target}'s socket if that needs no waiting (the socket is on this instance), for
     * a caller on a thread that must not block; empty when only {@link #deliver} can tell, from a thread that may.
     * By default nothing is delivered without waiting.
     *
     * @return the outcome {@link #deliver} would have given, or empty when nothing was done
     */
    default Optional<RouteOutcome> deliverWithoutWaiting(NodeId target, String frame) {
        return Optional.empty();
    }
}
