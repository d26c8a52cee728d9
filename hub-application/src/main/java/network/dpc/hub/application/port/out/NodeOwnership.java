package network.dpc.hub.application.port.out;

import java.util.List;
import java.util.Optional;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.user.UserId;

/** Answers which registered nodes belong to a user. */
public interface NodeOwnership {

    /** The user's registered nodes, newest (the primary) first. */
    List<NodeId> nodesOf(UserId userId);

    /** The user's newest registered node, if any. */
    default Optional<NodeId> primaryNode(UserId userId) {
        return nodesOf(userId).stream().findFirst();
    }

    boolean owns(UserId userId, NodeId nodeId);
}
