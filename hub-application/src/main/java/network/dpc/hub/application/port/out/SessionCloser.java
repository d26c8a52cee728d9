package network.dpc.hub.application.port.out;

import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.signaling.SocketClose;
import network.dpc.hub.domain.user.UserId;

/**
 * Closes signaling sockets on behalf of the rest of the hub: logout and account deletion close a user's sockets,
 * node deletion closes a node's socket, both with {@link SocketClose#REVOKED} (4401).
 */
public interface SessionCloser {

    /** Closes every socket of every node of {@code user}; returns how many were closed on this instance. */
    int closeUser(UserId user, SocketClose reason);

    /** Closes the socket speaking for {@code node}; returns how many were closed on this instance (0 or 1). */
    int closeNode(NodeId node, SocketClose reason);
}
