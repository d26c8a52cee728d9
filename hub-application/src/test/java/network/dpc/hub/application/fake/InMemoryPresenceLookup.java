package network.dpc.hub.application.fake;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import network.dpc.hub.application.port.out.PresenceLookup;
import network.dpc.hub.domain.node.NodeId;

/** A presence lookup whose online nodes the test sets by hand. */
public final class InMemoryPresenceLookup implements PresenceLookup {

    private final Set<NodeId> online = ConcurrentHashMap.newKeySet();

    public void setOnline(NodeId... nodes) {
        online.clear();
        online.addAll(List.of(nodes));
    }

    @Override
    public Set<NodeId> onlineAmong(Collection<NodeId> nodes) {
        return nodes.stream().filter(online::contains).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public Set<NodeId> onlineNodes() {
        return Set.copyOf(online);
    }
}
