package network.dpc.hub.application.port.in;

import java.util.Objects;

/**
 * A signal to relay.
 *
 * @param target the {@code target_node_id} as the sender wrote it
 * @param frame the whole signal object, already stamped with the hub-set {@code sender_node_id}
 */
public record RouteSignalCommand(String target, String frame) {

    public RouteSignalCommand {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(frame, "frame");
    }
}
