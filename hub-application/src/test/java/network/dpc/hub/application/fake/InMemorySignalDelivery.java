package network.dpc.hub.application.fake;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import network.dpc.hub.application.port.out.SignalDelivery;
import network.dpc.hub.application.port.out.SignalEndpoint;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.signaling.RouteOutcome;

/** Delivers to endpoints that tests attach by node id; passes {@code SignalDeliveryContract}. */
public final class InMemorySignalDelivery implements SignalDelivery {

    private final Map<NodeId, SignalEndpoint> endpoints = new ConcurrentHashMap<>();

    public void attach(NodeId node, SignalEndpoint endpoint) {
        endpoints.put(node, endpoint);
    }

    @Override
    public RouteOutcome deliver(NodeId target, String frame) {
        SignalEndpoint endpoint = endpoints.get(target);
        if (endpoint == null) {
            return new RouteOutcome.TargetOffline(target.value());
        }
        try {
            endpoint.send(frame);
            return new RouteOutcome.Delivered(target.value());
        } catch (IllegalStateException failed) {
            return new RouteOutcome.RelayFailed(target.value());
        }
    }

    /** Every delivery here is to this process's own sockets: none waits. */
    @Override
    public Optional<RouteOutcome> deliverWithoutWaiting(NodeId target, String frame) {
        return Optional.of(deliver(target, frame));
    }
}
