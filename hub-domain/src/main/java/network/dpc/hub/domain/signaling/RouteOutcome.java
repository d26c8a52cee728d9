package network.dpc.hub.domain.signaling;

import java.util.Objects;

/**
 * What became of a signal the hub was asked to relay. These are expected outcomes, not errors: the socket adapter
 * turns each into its reply with a pattern {@code switch}.
 */
public sealed interface RouteOutcome {

    /** The target as the sender named it (possibly not even a well-formed node id). */
    String target();

    /** The signal was handed to the socket holding the target node. */
    record Delivered(String target) implements RouteOutcome {
        public Delivered {
            Objects.requireNonNull(target, "target");
        }
    }

    /** No socket of the target node is connected to any hub instance. */
    record TargetOffline(String target) implements RouteOutcome {
        public TargetOffline {
            Objects.requireNonNull(target, "target");
        }
    }

    /** The target is connected, but its socket or the instance bus could not take the signal. */
    record RelayFailed(String target) implements RouteOutcome {
        public RelayFailed {
            Objects.requireNonNull(target, "target");
        }
    }
}
