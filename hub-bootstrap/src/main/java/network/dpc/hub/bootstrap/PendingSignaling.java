package network.dpc.hub.bootstrap;

import network.dpc.hub.application.port.out.SessionCloser;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.signaling.SocketClose;
import network.dpc.hub.domain.user.UserId;

/** Stand-in until the signaling area is wired: no sockets to close. */
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

    private PendingSignaling() {
    }
}
