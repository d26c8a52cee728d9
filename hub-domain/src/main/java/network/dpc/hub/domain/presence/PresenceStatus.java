package network.dpc.hub.domain.presence;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import network.dpc.hub.domain.node.NodeId;

/**
 * Whether a node is online (at least one signaling socket of it open on some hub instance) and when it was last
 * seen. {@code lastSeen} is rounded down to the minute, and empty while the node is online or if it was never seen.
 */
public record PresenceStatus(NodeId node, boolean online, Optional<Instant> lastSeen) {

    public PresenceStatus {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(lastSeen, "lastSeen");
        lastSeen = online ? Optional.empty() : lastSeen.map(t -> t.truncatedTo(ChronoUnit.MINUTES));
    }

    public static PresenceStatus online(NodeId node) {
        return new PresenceStatus(node, true, Optional.empty());
    }

    public static PresenceStatus offlineSince(NodeId node, Instant lastSeen) {
        return new PresenceStatus(node, false, Optional.of(lastSeen));
    }

    public static PresenceStatus neverSeen(NodeId node) {
        return new PresenceStatus(node, false, Optional.empty());
    }
}
