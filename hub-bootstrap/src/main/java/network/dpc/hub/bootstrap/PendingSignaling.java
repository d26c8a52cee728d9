package network.dpc.hub.bootstrap;

import java.util.Collection;
import java.util.Set;
import network.dpc.hub.application.port.out.PresenceLookup;
import network.dpc.hub.application.port.out.SessionCloser;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.signaling.SocketClose;
import network.dpc.hub.domain.user.UserId;

/** Stand-in until the signaling and presence areas are wired: no sockets to close, nobody online. */
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

    static final PresenceLookup PRESENCE = new PresenceLookup() {
        @Override
        public Set<NodeId> onlineAmong(Collection<NodeId> nodes) {
            return Set.of();
        }

        @Override
        public Set<NodeId> onlineNodes() {
            return Set.of();
        }
    };

    private PendingSignaling() {
    }
}
