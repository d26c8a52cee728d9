package network.dpc.hub.application.port.in;

import java.util.Objects;
import network.dpc.hub.application.port.out.SignalEndpoint;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.user.UserId;

/** A socket, already upgraded, that now speaks for {@code node} on behalf of {@code user}. */
public record ConnectSignalingCommand(UserId user, NodeId node, SignalEndpoint endpoint) {

    public ConnectSignalingCommand {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(endpoint, "endpoint");
    }
}
