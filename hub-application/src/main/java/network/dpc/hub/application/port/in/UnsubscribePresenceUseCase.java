package network.dpc.hub.application.port.in;

import java.util.List;
import network.dpc.hub.application.port.out.SignalEndpoint;
import network.dpc.hub.domain.node.NodeId;

/** Stops a socket watching the presence of nodes. */
public interface UnsubscribePresenceUseCase {

    void unsubscribe(SignalEndpoint subscriber, List<NodeId> nodes);
}
