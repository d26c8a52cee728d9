package network.dpc.hub.application.port.in;

import network.dpc.hub.domain.node.NodeId;

/** Decides which node a new signaling socket speaks for, before the socket is upgraded. */
public interface AuthorizeSignalingUseCase {

    /**
     * The requested node when the user owns it; else the user's primary node; else the user's stable temporary id.
     *
     * @throws network.dpc.hub.domain.shared.DomainException FORBIDDEN {@code node_not_owned} when the requested
     *     node is malformed or not the user's
     */
    NodeId authorize(AuthorizeSignalingCommand command);
}
