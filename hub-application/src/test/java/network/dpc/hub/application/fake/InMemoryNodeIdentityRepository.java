package network.dpc.hub.application.fake;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import network.dpc.hub.application.port.out.NodeIdentityRepository;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.node.NodeIdTakenException;
import network.dpc.hub.domain.node.NodeIdentity;
import network.dpc.hub.domain.node.UserNodes;
import network.dpc.hub.domain.user.UserId;

/** Keeps node bindings in a map guarded by one lock; passes the same contract as the PostgreSQL adapter. */
public final class InMemoryNodeIdentityRepository implements NodeIdentityRepository {

    private final Map<NodeId, NodeIdentity> bindings = new HashMap<>();

    @Override
    public synchronized Optional<NodeIdentity> findById(NodeId nodeId) {
        return Optional.ofNullable(bindings.get(nodeId));
    }

    @Override
    public synchronized UserNodes findByOwner(UserId owner) {
        return new UserNodes(owner, bindings.values().stream().filter(n -> n.owner().equals(owner)).toList());
    }

    @Override
    public synchronized void add(NodeIdentity identity, List<NodeId> evicted) {
        if (bindings.containsKey(identity.nodeId())) {
            throw new NodeIdTakenException(identity.nodeId());
        }
        evictOwned(identity.owner(), evicted);
        bindings.put(identity.nodeId(), identity);
    }

    @Override
    public synchronized void refresh(NodeIdentity identity) {
        NodeIdentity bound = bindings.get(identity.nodeId());
        if (bound == null || !bound.owner().equals(identity.owner())) {
            throw new NodeIdTakenException(identity.nodeId());
        }
        bindings.put(identity.nodeId(), identity);
    }

    @Override
    public synchronized void takeOver(NodeIdentity identity, NodeIdentity previous, List<NodeId> evicted) {
        NodeIdentity bound = bindings.get(identity.nodeId());
        if (bound == null || !bound.owner().equals(previous.owner()) || bound.proofOfPossession()
                || !previous.nodeId().equals(identity.nodeId())) {
            throw new NodeIdTakenException(identity.nodeId());
        }
        evictOwned(identity.owner(), evicted);
        bindings.put(identity.nodeId(), identity);
    }

    @Override
    public synchronized boolean delete(UserId owner, NodeId nodeId) {
        NodeIdentity bound = bindings.get(nodeId);
        if (bound == null || !bound.owner().equals(owner)) {
            return false;
        }
        bindings.remove(nodeId);
        return true;
    }

    /** Forgets every binding, for tests that share one repository. */
    public synchronized void clear() {
        bindings.clear();
    }

    private void evictOwned(UserId owner, List<NodeId> evicted) {
        for (NodeId id : evicted) {
            NodeIdentity bound = bindings.get(id);
            if (bound != null && bound.owner().equals(owner)) {
                bindings.remove(id);
            }
        }
    }
}
