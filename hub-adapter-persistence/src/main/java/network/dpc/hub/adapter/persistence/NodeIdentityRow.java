package network.dpc.hub.adapter.persistence;

import java.time.Instant;
import java.util.UUID;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.node.NodeIdentity;
import network.dpc.hub.domain.user.UserId;

/** One row of {@code node_identities}. */
public record NodeIdentityRow(String nodeId, UUID userId, Instant registeredAt, boolean proofOfPossession) {

    static NodeIdentityRow from(NodeIdentity identity) {
        return new NodeIdentityRow(identity.nodeId().value(), identity.owner().value(), identity.registeredAt(),
                identity.proofOfPossession());
    }

    NodeIdentity toIdentity() {
        return new NodeIdentity(new NodeId(nodeId), new UserId(userId), registeredAt, proofOfPossession);
    }
}
