package network.dpc.hub.domain.node;

import java.time.Instant;
import java.util.Objects;
import network.dpc.hub.domain.user.UserId;

/**
 * The binding of a registered node id to the user who registered it; a node id is bound to at most one user.
 *
 * @param registeredAt when the owner last registered this node (a re-registration refreshes it)
 * @param proofOfPossession whether the owner proved to hold the node's private key
 */
public record NodeIdentity(NodeId nodeId, UserId owner, Instant registeredAt, boolean proofOfPossession) {

    public NodeIdentity {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(registeredAt, "registeredAt");
        if (!NodeId.isRegistrable(nodeId.value())) {
            throw new IllegalArgumentException("a temporary node id cannot be registered");
        }
    }
}
