package network.dpc.hub.application.port.out;

import java.util.Optional;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.user.UserId;

/** Answers which registered nodes belong to a user and which of them is the primary one. */
public interface NodeOwnership {

    /** The user's primary node, or empty when the user has registered none. */
    Optional<NodeId> primaryNode(UserId user);

    /** Whether {@code node} is registered to {@code user}. */
    boolean owns(UserId user, NodeId node);
}
