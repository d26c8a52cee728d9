package network.dpc.hub.domain.signaling;

import network.dpc.hub.domain.node.NodeId;

/** What a socket's closing did to the session table. */
public sealed interface Departure {

    /** The socket was the node's current one: the node has no socket here any more. */
    record WentOffline(NodeId node) implements Departure {
    }

    /** The socket had already been replaced by a newer one (or was never registered): nothing changed. */
    record Superseded(NodeId node) implements Departure {
    }
}
