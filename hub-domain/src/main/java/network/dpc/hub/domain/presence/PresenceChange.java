package network.dpc.hub.domain.presence;

import java.util.Objects;
import network.dpc.hub.domain.node.NodeId;

/** A node came online or went offline; sent to the sockets that subscribed to it. */
public record PresenceChange(NodeId node, boolean online) {

    public PresenceChange {
        Objects.requireNonNull(node, "node");
    }
}
