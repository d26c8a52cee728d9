package network.dpc.hub.application.port.out;

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
}
