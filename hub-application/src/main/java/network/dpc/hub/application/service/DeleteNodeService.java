package network.dpc.hub.application.service;

import java.util.Objects;
import network.dpc.hub.application.port.in.DeleteNodeUseCase;
import network.dpc.hub.application.port.out.NodeIdentityRepository;
import network.dpc.hub.application.port.out.SessionCloser;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.shared.DomainException;
import network.dpc.hub.domain.shared.ErrorKind;
import network.dpc.hub.domain.signaling.SocketClose;
import network.dpc.hub.domain.user.UserId;

/** Unbinds one of the caller's nodes and closes its socket. */
public final class DeleteNodeService implements DeleteNodeUseCase {

    private final NodeIdentityRepository nodes;
    private final SessionCloser sessions;

    public DeleteNodeService(NodeIdentityRepository nodes, SessionCloser sessions) {
        this.nodes = Objects.requireNonNull(nodes, "nodes");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
    }

    @Override
    public void delete(UserId caller, NodeId nodeId) {
        if (!nodes.delete(caller, nodeId)) {
            throw new DomainException(ErrorKind.NOT_FOUND, "node_not_found",
                    "You have no registered node " + nodeId);
        }
        sessions.closeNode(nodeId, SocketClose.REVOKED);
    }
}
