package network.dpc.hub.application.port.in;

import java.util.List;
import java.util.Objects;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.node.NodeIdentity;

/**
 * A successful registration.
 *
 * @param identity the binding as stored
 * @param disconnected node ids whose sockets were closed (evicted nodes, or a node taken over from another user)
 */
public record RegisterNodeResult(NodeIdentity identity, List<NodeId> disconnected) {

    public RegisterNodeResult {
        Objects.requireNonNull(identity, "identity");
        disconnected = List.copyOf(disconnected);
    }
}
