package network.dpc.hub.bootstrap;

import java.util.Optional;
import network.dpc.hub.application.port.out.NodeOwnership;
import network.dpc.hub.application.port.out.SessionCloser;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.signaling.SocketClose;
import network.dpc.hub.domain.user.UserId;

/** Stand-ins until the signaling and node-identity areas are wired: no sockets to close, no nodes registered. */
final class PendingSignaling {

    static final SessionCloser SESSIONS = new SessionCloser() {
        @Override
        public int closeUser(UserId user, SocketClose reason) {
            return 0;
        }

        @Override
        public int closeNode(NodeId node, SocketClose reason) {
            return 0;
        }
    };

    static final NodeOwnership NODES = new NodeOwnership() {
        @Override
        public Optional<NodeId> primaryNode(UserId user) {
            return Optional.empty();
        }

        @Override
        public boolean owns(UserId user, NodeId node) {
            return false;
        }
    };

    private PendingSignaling() {
    }
}
