package network.dpc.hub.domain.node;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import network.dpc.hub.domain.user.UserId;

/**
 * The nodes one user holds, newest first; the newest is the user's primary node.
 *
 * @param nodes every node bound to {@code owner}; kept sorted by registration time, newest first (ties by id)
 */
public record UserNodes(UserId owner, List<NodeIdentity> nodes) {

    /** Newest first; equal instants are ordered by node id so the order is total and stable. */
    public static final Comparator<NodeIdentity> NEWEST_FIRST = Comparator
            .comparing(NodeIdentity::registeredAt).reversed()
            .thenComparing(n -> n.nodeId().value());

    public UserNodes {
        Objects.requireNonNull(owner, "owner");
        nodes = nodes.stream().sorted(NEWEST_FIRST).toList();
        if (nodes.stream().anyMatch(n -> !n.owner().equals(owner))) {
            throw new IllegalArgumentException("every node must belong to " + owner);
        }
        if (nodes.stream().map(NodeIdentity::nodeId).distinct().count() != nodes.size()) {
            throw new IllegalArgumentException("a node id appears twice");
        }
    }

    public static UserNodes none(UserId owner) {
        return new UserNodes(owner, List.of());
    }

    /** The most recently registered node, if any. */
    public Optional<NodeIdentity> primary() {
        return nodes.isEmpty() ? Optional.empty() : Optional.of(nodes.getFirst());
    }

    public boolean isPrimary(NodeId nodeId) {
        return primary().map(p -> p.nodeId().equals(nodeId)).orElse(false);
    }

    public Optional<NodeIdentity> find(NodeId nodeId) {
        return nodes.stream().filter(n -> n.nodeId().equals(nodeId)).findFirst();
    }

    public int size() {
        return nodes.size();
    }
}
