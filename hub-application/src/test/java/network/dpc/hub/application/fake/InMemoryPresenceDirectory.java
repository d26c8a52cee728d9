package network.dpc.hub.application.fake;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import network.dpc.hub.application.port.out.PresenceDirectory;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.presence.PresenceStatus;

/** Keeps presence in a map, for use-case tests; passes {@code PresenceDirectoryContract}. */
public final class InMemoryPresenceDirectory implements PresenceDirectory {

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
