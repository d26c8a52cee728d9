package network.dpc.hub.application.port.out;

import java.time.Instant;
import java.util.List;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.presence.PresenceStatus;
import network.dpc.hub.domain.signaling.SessionKey;

/** Knows which nodes are online and when offline nodes were last seen; it never records who watches whom. */
public interface PresenceDirectory {

    /** A socket of {@code node} opened on this instance. */
    void nodeOnline(NodeId node);

    /**
     * The socket registered as {@code key} opened on this instance. A directory shared by several instances uses the
     * key to close exactly this registration when a newer socket of the node opens on another instance; the default
     * simply records the node as online.
     */
    default void nodeOnline(SessionKey key) {
        nodeOnline(key.node());
    }

    /** The last socket of {@code node} on this instance closed at {@code at}. */
    void nodeOffline(NodeId node, Instant at);

    /** The node's status; {@code lastSeen} rounded to the minute, empty while online or if never seen. */
    PresenceStatus statusOf(NodeId node);

    /** The statuses of {@code nodes}, in the same order. */
    default List<PresenceStatus> statusOf(List<NodeId> nodes) {
        return nodes.stream().map(this::statusOf).toList();
    }

    /** Whether the node is online on any instance; answered from memory where the directory can. */
    default boolean isOnline(NodeId node) {
        return statusOf(node).online();
    }
}
