package network.dpc.hub.application.port.out;

import java.time.Instant;
import java.util.List;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.presence.PresenceStatus;

/** Knows which nodes are online and when offline nodes were last seen; it never records who watches whom. */
public interface PresenceDirectory {

    /** A socket of {@code node} opened on this instance. */
    void nodeOnline(NodeId node);

    /** The last socket of {@code node} on this instance closed at {@code at}. */
    void nodeOffline(NodeId node, Instant at);

    /** The node's status; {@code lastSeen} rounded to the minute, empty while online or if never seen. */
    PresenceStatus statusOf(NodeId node);

    /** The statuses of {@code nodes}, in the same order. */
    default List<PresenceStatus> statusOf(List<NodeId> nodes) {
        return nodes.stream().map(this::statusOf).toList();
    }
}
