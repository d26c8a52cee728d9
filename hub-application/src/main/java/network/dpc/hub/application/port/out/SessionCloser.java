package network.dpc.hub.application.port.out;

import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.user.UserId;

/** Closes signaling sockets whose credentials were revoked (close code 4401), on every hub instance. */
public interface SessionCloser {

    /** Closes every socket of the user (logout, account deletion). */
    void closeUser(UserId userId);

    /** Closes the socket speaking for the node (node deleted or evicted). */
    void closeNode(NodeId nodeId);
}
