package network.dpc.hub.adapter.persistence.bus;

import java.util.Objects;
import network.dpc.hub.application.port.out.SessionCloser;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.signaling.SocketClose;
import network.dpc.hub.domain.user.UserId;

/**
 * Closes sockets on every hub instance: closes them here through the local closer, then tells the other instances
 * over the instance bus to do the same (a logout on one instance closes the user's socket on another within
 * milliseconds). The token revocation itself is already shared through the database.
 */
public final class PostgresSessionCloser implements SessionCloser {

    private final SessionCloser local;
    private final PostgresInstanceBus bus;

    public PostgresSessionCloser(SessionCloser local, PostgresInstanceBus bus) {
        this.local = Objects.requireNonNull(local, "local");
        this.bus = Objects.requireNonNull(bus, "bus");
    }

    @Override
    public int closeUser(UserId user, SocketClose reason) {
        int closed = local.closeUser(user, reason);
        bus.broadcast(new BusMessage.CloseUser(bus.instanceId(), user, reason));
        return closed;
    }

    @Override
    public int closeNode(NodeId node, SocketClose reason) {
        int closed = local.closeNode(node, reason);
        bus.broadcast(new BusMessage.CloseNode(bus.instanceId(), node, reason));
        return closed;
    }
}
