package network.dpc.hub.application.port.in;

import java.util.List;
import network.dpc.hub.application.port.out.SignalEndpoint;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.presence.PresenceStatus;

/** Lets a socket watch the presence of nodes, in memory only, for as long as the socket is open. */
public interface SubscribePresenceUseCase {

    /**
     * Subscribes and returns the current status of each node, to be sent at once.
     *
     * @throws network.dpc.hub.domain.shared.DomainException INVALID {@code too_many_subscriptions} past 500 ids
     */
    List<PresenceStatus> subscribe(SignalEndpoint subscriber, List<NodeId> nodes);
}
