package network.dpc.hub.application.port.out;

import java.util.Collection;
import java.util.Set;
import network.dpc.hub.domain.node.NodeId;

/** Tells which nodes are online now (at least one signaling socket open on any hub instance); read-only. */
public interface PresenceLookup {

    /** The subset of {@code nodes} that is online now. */
    Set<NodeId> onlineAmong(Collection<NodeId> nodes);

    /** Every node online now. */
    Set<NodeId> onlineNodes();
}
