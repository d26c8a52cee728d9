package network.dpc.hub.application.port.in;

import java.util.Objects;
import java.util.Optional;
import network.dpc.hub.domain.user.UserId;

/**
 * A request to open a signaling socket.
 *
 * @param user the authenticated user
 * @param requestedNode the {@code node_id} the client asked to speak for, unparsed; empty for the default
 */
public record AuthorizeSignalingCommand(UserId user, Optional<String> requestedNode) {

    public AuthorizeSignalingCommand {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(requestedNode, "requestedNode");
    }
}
