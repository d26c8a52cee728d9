package network.dpc.hub.application.fake;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import network.dpc.hub.application.port.out.NodeOwnership;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.user.UserId;

/** Node ownership that tests set up by hand; passes {@code NodeOwnershipContract}. */
public final class InMemoryNodeOwnership implements NodeOwnership {

    private final Map<UserId, NodeId> primary = new ConcurrentHashMap<>();
    private final Map<UserId, Set<NodeId>> owned = new ConcurrentHashMap<>();

    /** Registers {@code node} to {@code user}; the first node of a user becomes the primary one. */
    public InMemoryNodeOwnership grant(UserId user, NodeId node) {
        owned.computeIfAbsent(user, u -> ConcurrentHashMap.newKeySet()).add(node);
        primary.putIfAbsent(user, node);
        return this;
    }

    @Override
    public Optional<NodeId> primaryNode(UserId user) {
        return Optional.ofNullable(primary.get(user));
    }

    @Override
    public boolean owns(UserId user, NodeId node) {
        return owned.getOrDefault(user, Set.of()).contains(node);
    }
}
