package network.dpc.hub.adapter.http.signaling;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import network.dpc.hub.application.port.out.PresenceDirectory;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.presence.PresenceStatus;

/**
 * The presence of nodes as seen by this one instance, in memory (forgotten on restart); enough for a single-instance
 * hub until a directory shared by all instances replaces it.
 */
public final class InProcessPresenceDirectory implements PresenceDirectory {

    private final Map<NodeId, PresenceStatus> statuses = new ConcurrentHashMap<>();

    @Override
    public void nodeOnline(NodeId node) {
        statuses.put(node, PresenceStatus.online(node));
    }

    @Override
    public void nodeOffline(NodeId node, Instant at) {
        statuses.put(node, PresenceStatus.offlineSince(node, at));
    }

    @Override
    public PresenceStatus statusOf(NodeId node) {
        return statuses.getOrDefault(node, PresenceStatus.neverSeen(node));
    }
}
