package network.dpc.hub.adapter.http.node;

import java.time.Instant;
import java.util.List;
import network.dpc.hub.application.port.in.RegisterNodeResult;
import network.dpc.hub.domain.node.NodeChallenge;
import network.dpc.hub.domain.node.NodeIdentity;
import network.dpc.hub.domain.node.NodeIdentityPolicy;
import network.dpc.hub.domain.node.UserNodes;

/** The JSON bodies of the node routes (snake_case on the wire). */
final class NodeResponses {

    static final String REGISTERED = "Node identity successfully registered and verified";

    private NodeResponses() {
    }

    /** {@code POST /register-node-id} → 200, exactly the fields of contract §2. */
    record Registered(String nodeId, boolean verified, boolean proofOfPossession, String message) {
        static Registered from(RegisterNodeResult result) {
            return new Registered(result.identity().nodeId().value(), true, result.identity().proofOfPossession(),
                    REGISTERED);
        }
    }

    /** {@code GET /register-node-id/challenge}. */
    record Challenge(String challenge, Instant expiresAt, String signatureAlgorithm) {
        static Challenge from(NodeChallenge challenge) {
            return new Challenge(challenge.value(), challenge.expiresAt(), NodeIdentityPolicy.PROOF_ALGORITHM);
        }
    }

    /** {@code GET /nodes}: the caller's nodes, newest (primary) first. */
    record Nodes(List<Node> nodes) {
        static Nodes from(UserNodes held) {
            return new Nodes(held.nodes().stream().map(n -> Node.from(n, held.isPrimary(n.nodeId()))).toList());
        }
    }

    /** One node in {@code GET /nodes}. */
    record Node(String nodeId, Instant registeredAt, boolean proofOfPossession, boolean primary) {
        static Node from(NodeIdentity identity, boolean primary) {
            return new Node(identity.nodeId().value(), identity.registeredAt(), identity.proofOfPossession(),
                    primary);
        }
    }

    /** {@code DELETE /nodes/{node_id}}. */
    record Deleted(String nodeId, boolean deleted) {
    }
}
