package network.dpc.hub.application.port.in;

import java.util.List;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.presence.PresenceStatus;

/** Reports whether nodes are online and when they were last seen. */
public interface QueryPresenceUseCase {

    int MAX_NODES = 100;

    /**
     * The status of each node, in the order asked.
     *
     * @throws network.dpc.hub.domain.shared.DomainException INVALID {@code too_many_node_ids} past {@value #MAX_NODES}
     */
    List<PresenceStatus> query(List<NodeId> nodes);
}
