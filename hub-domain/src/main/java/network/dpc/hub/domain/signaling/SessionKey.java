package network.dpc.hub.domain.signaling;

import java.util.Objects;
import network.dpc.hub.domain.node.NodeId;

/**
 * One socket's claim on a node: the node it speaks for and the epoch at which it registered. Epochs grow with
 * every registration, so a key identifies exactly one registration even when sockets for a node come and go.
 */
public record SessionKey(NodeId node, long epoch) {

    public SessionKey {
        Objects.requireNonNull(node, "node");
        if (epoch < 1) {
            throw new IllegalArgumentException("epoch must be positive");
        }
    }
}
