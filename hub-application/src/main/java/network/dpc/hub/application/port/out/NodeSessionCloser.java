package network.dpc.hub.application.port.out;

import network.dpc.hub.domain.node.NodeId;

/**
 * Closes the signaling socket that speaks under a node id that no longer belongs to its former owner (evicted,
 * deleted, or taken over). Implementations close on a best-effort basis and never throw.
 */
public interface NodeSessionCloser {

    /** Closes every socket of {@code nodeId} on this hub (a no-op when there is none). */
    void close(NodeId nodeId, Reason reason);

    /** Why a node's socket is closed, so the socket adapter can tell the client. */
    enum Reason {
        /** The owner registered more than the allowed number of nodes; the oldest went. */
        EVICTED,
        /** The owner deleted the node. */
        DELETED,
        /** Another user proved possession of the node's key and took the node id over. */
        TAKEN_OVER
    }
}
