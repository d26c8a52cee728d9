package network.dpc.hub.domain.node;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What registering a node changes, decided by {@link NodeSetPolicy}: a new binding, a refreshed one, or one taken
 * over from another user; each lists the nodes whose sockets must be closed.
 */
public sealed interface NodeRegistration {

    /** The binding as it is after the registration. */
    NodeIdentity identity();

    /** The caller's own nodes removed to stay within the per-user limit, oldest first. */
    List<NodeIdentity> evicted();

    /** The node ids whose open sockets no longer speak for their former owner. */
    default List<NodeId> nodesToDisconnect() {
        return evicted().stream().map(NodeIdentity::nodeId).toList();
    }

    /** The node id was free: it is now bound to the caller. */
    record Added(NodeIdentity identity, List<NodeIdentity> evicted) implements NodeRegistration {
        public Added {
            Objects.requireNonNull(identity, "identity");
            evicted = List.copyOf(evicted);
        }
    }

    /** The caller registered a node it already holds again: same binding, refreshed time, never less proven. */
    record Refreshed(NodeIdentity identity, NodeIdentity previous) implements NodeRegistration {
        public Refreshed {
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(previous, "previous");
        }

        @Override
        public List<NodeIdentity> evicted() {
            return List.of();
        }
    }

    /** A registration with a valid proof took the node id over from a user who had registered it without one. */
    record TakenOver(NodeIdentity identity, NodeIdentity previous, List<NodeIdentity> evicted)
            implements NodeRegistration {
        public TakenOver {
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(previous, "previous");
            evicted = List.copyOf(evicted);
        }

        @Override
        public List<NodeId> nodesToDisconnect() {
            return Stream.concat(Stream.of(previous.nodeId()), evicted.stream().map(NodeIdentity::nodeId)).toList();
        }
    }
}
