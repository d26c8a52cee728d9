package network.dpc.hub.adapter.persistence.bus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import network.dpc.hub.domain.node.NodeId;

/**
 * This instance's in-memory copy of which node is online on which <em>other</em> instance (node → instance and the
 * claim that put it there; never who talks to whom). Applying the bus's events in the order PostgreSQL delivers
 * them converges to the database's state even when they are replayed over a fresher snapshot: an online event only
 * wins with a higher claim, an offline event only removes the claim it names (or an older one).
 */
final class PresenceReplica {

    /** Where a node is online. */
    record Location(String instance, long claim) {
        Location {
            Objects.requireNonNull(instance, "instance");
        }
    }

    private final Map<NodeId, Location> remote = new ConcurrentHashMap<>();

    Optional<Location> locate(NodeId node) {
        return Optional.ofNullable(remote.get(node));
    }

    /** Every node currently known online on another instance. */
    Set<NodeId> nodes() {
        return Set.copyOf(remote.keySet());
    }

    boolean contains(NodeId node) {
        return remote.containsKey(node);
    }

    /** Records {@code node} online on {@code instance} unless a newer claim is known; true if it was unknown. */
    synchronized boolean online(NodeId node, String instance, long claim) {
        Location known = remote.get(node);
        if (known != null && known.claim() >= claim) {
            return false;
        }
        remote.put(node, new Location(instance, claim));
        return known == null;
    }

    /** Forgets {@code node} on {@code instance} up to {@code claim}; true if it was removed. */
    synchronized boolean offline(NodeId node, String instance, long claim) {
        Location known = remote.get(node);
        if (known == null || !known.instance().equals(instance) || known.claim() > claim) {
            return false;
        }
        remote.remove(node);
        return true;
    }

    /** Forgets every node of {@code instance}; returns them. */
    synchronized List<NodeId> instanceGone(String instance) {
        List<NodeId> gone = new ArrayList<>();
        remote.forEach((node, location) -> {
            if (location.instance().equals(instance)) {
                gone.add(node);
            }
        });
        gone.forEach(remote::remove);
        return gone;
    }

    /**
     * Makes {@code instance}'s nodes exactly {@code rows} (node → claim), as just read from the database.
     *
     * @return the nodes that appeared and the nodes that disappeared
     */
    synchronized Changes replaceInstance(String instance, Map<NodeId, Long> rows) {
        Map<NodeId, Location> snapshot = new HashMap<>();
        remote.forEach((node, location) -> {
            if (!location.instance().equals(instance)) {
                snapshot.put(node, location);
            }
        });
        rows.forEach((node, claim) -> snapshot.merge(node, new Location(instance, claim),
                (old, fresh) -> old.claim() >= fresh.claim() ? old : fresh));
        return replaceAll(snapshot);
    }

    /** Replaces everything with {@code snapshot}; returns what appeared and disappeared. */
    synchronized Changes replaceAll(Map<NodeId, Location> snapshot) {
        List<NodeId> appeared = new ArrayList<>();
        List<NodeId> disappeared = new ArrayList<>();
        for (NodeId node : remote.keySet()) {
            if (!snapshot.containsKey(node)) {
                disappeared.add(node);
            }
        }
        for (NodeId node : snapshot.keySet()) {
            if (!remote.containsKey(node)) {
                appeared.add(node);
            }
        }
        disappeared.forEach(remote::remove);
        remote.putAll(snapshot);
        return new Changes(appeared, disappeared);
    }

    int size() {
        return remote.size();
    }

    /** Nodes that became known online and nodes that stopped being known online. */
    record Changes(List<NodeId> appeared, List<NodeId> disappeared) {
        Changes {
            appeared = List.copyOf(appeared);
            disappeared = List.copyOf(disappeared);
        }
    }
}
