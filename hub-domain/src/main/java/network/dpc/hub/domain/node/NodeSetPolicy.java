package network.dpc.hub.domain.node;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import network.dpc.hub.domain.user.UserId;

/**
 * Who may hold a node id, and how many: a user holds up to {@code maxNodesPerUser} nodes (one per device);
 * registering one more evicts the oldest instead of failing; registering a held node again is idempotent; a node
 * id bound to another user is refused, unless the newcomer proves possession of the key and the binding was made
 * without such a proof.
 */
public record NodeSetPolicy(int maxNodesPerUser) {

    public static final int DEFAULT_MAX_NODES_PER_USER = 5;
    public static final int LIMIT = 100;

    public NodeSetPolicy {
        if (maxNodesPerUser < 1 || maxNodesPerUser > LIMIT) {
            throw new IllegalArgumentException("MAX_NODES_PER_USER must be between 1 and " + LIMIT);
        }
    }

    public static NodeSetPolicy standard() {
        return new NodeSetPolicy(DEFAULT_MAX_NODES_PER_USER);
    }

    /**
     * Decides what registering {@code nodeId} for {@code caller} at {@code now} changes.
     *
     * @param proven whether this registration carried a valid proof of possession
     * @param currentBinding the node id's binding as stored now, if any
     * @param callersNodes the nodes the caller holds now
     * @throws NodeIdTakenException when another user holds the node id and the rules give it no way to take it
     */
    public NodeRegistration register(NodeId nodeId, UserId caller, boolean proven, Instant now,
            Optional<NodeIdentity> currentBinding, UserNodes callersNodes) {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(now, "now");
        if (!callersNodes.owner().equals(caller)) {
            throw new IllegalArgumentException("callersNodes must be the caller's");
        }
        if (currentBinding.isPresent()) {
            NodeIdentity bound = currentBinding.get();
            if (!bound.nodeId().equals(nodeId)) {
                throw new IllegalArgumentException("currentBinding must be the binding of " + nodeId);
            }
            if (bound.owner().equals(caller)) {
                return new NodeRegistration.Refreshed(
                        new NodeIdentity(nodeId, caller, now, bound.proofOfPossession() || proven), bound);
            }
            if (proven && !bound.proofOfPossession()) {
                return new NodeRegistration.TakenOver(new NodeIdentity(nodeId, caller, now, true), bound,
                        evictionsFor(nodeId, callersNodes));
            }
            throw new NodeIdTakenException(nodeId);
        }
        return new NodeRegistration.Added(new NodeIdentity(nodeId, caller, now, proven),
                evictionsFor(nodeId, callersNodes));
    }

    /** The caller's oldest nodes that must go so that the new one fits within the limit. */
    private List<NodeIdentity> evictionsFor(NodeId incoming, UserNodes callersNodes) {
        List<NodeIdentity> others = callersNodes.nodes().stream()
                .filter(n -> !n.nodeId().equals(incoming))
                .toList();
        int excess = others.size() - (maxNodesPerUser - 1);
        if (excess <= 0) {
            return List.of();
        }
        return others.reversed().subList(0, excess);
    }
}
