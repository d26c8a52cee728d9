package network.dpc.hub.application.fake;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import network.dpc.hub.application.port.out.SessionCloser;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.signaling.SocketClose;
import network.dpc.hub.domain.user.UserId;

/** Records every request to close a user's or a node's sockets, so tests can assert who was disconnected and why. */
public final class RecordingSessionCloser implements SessionCloser {

    private final List<ClosedUser> users = new CopyOnWriteArrayList<>();
    private final List<ClosedNode> nodes = new CopyOnWriteArrayList<>();

    @Override
    public int closeUser(UserId user, SocketClose reason) {
        users.add(new ClosedUser(user, reason));
        return 0;
    }

    @Override
    public int closeNode(NodeId node, SocketClose reason) {
        nodes.add(new ClosedNode(node, reason));
        return 0;
    }

    public List<ClosedUser> closedUsers() {
        return List.copyOf(users);
    }

    public List<ClosedNode> closedNodes() {
        return List.copyOf(nodes);
    }

    public void clear() {
        users.clear();
        nodes.clear();
    }

    /** One request to close every socket of a user. */
    public record ClosedUser(UserId user, SocketClose reason) {
    }

    /** One request to close a node's socket. */
    public record ClosedNode(NodeId node, SocketClose reason) {
    }
}
