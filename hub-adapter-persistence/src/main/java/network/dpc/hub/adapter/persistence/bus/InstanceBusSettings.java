package network.dpc.hub.adapter.persistence.bus;

import java.time.Duration;
import java.util.Objects;

/**
 * Timing of the instance bus.
 *
 * @param heartbeatInterval how often an instance proves it is alive (and checks its listening connection)
 * @param instanceTimeout an instance whose last heartbeat is older than this is declared dead and its nodes offline;
 *     a dead instance is therefore noticed within {@code instanceTimeout + heartbeatInterval}
 * @param transitLifetime a large frame not picked up within this long is swept (within one more heartbeat)
 * @param reconnectDelay pause between attempts to re-open the listening connection
 * @param lastSeenRetention how long {@code last_seen} of an offline node is kept
 * @param sendTimeout how long a relay waits for its notification to commit before it is answered
 *     {@code relay_failed}; also how long a presence claim or release waits to be taken into a statement (once its
 *     statement runs, it waits for the outcome)
 */
public record InstanceBusSettings(
        Duration heartbeatInterval,
        Duration instanceTimeout,
        Duration transitLifetime,
        Duration reconnectDelay,
        Duration lastSeenRetention,
        Duration sendTimeout) {

    public InstanceBusSettings {
        requirePositive(heartbeatInterval, "heartbeatInterval");
        requirePositive(instanceTimeout, "instanceTimeout");
        requirePositive(transitLifetime, "transitLifetime");
        requirePositive(reconnectDelay, "reconnectDelay");
        requirePositive(lastSeenRetention, "lastSeenRetention");
        requirePositive(sendTimeout, "sendTimeout");
        if (instanceTimeout.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("instanceTimeout must be at least two heartbeat intervals");
        }
    }

    /**
     * Heartbeat every 5 s, dead after 20 s (so noticed within 25 s), large frames swept after 25 s (gone within
     * 30 s), reconnect every second, last-seen kept for 30 days, a relay given up after 2 s without its commit.
     */
    public static InstanceBusSettings defaults() {
        return new InstanceBusSettings(Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofSeconds(25),
                Duration.ofSeconds(1), Duration.ofDays(30), Duration.ofSeconds(2));
    }

    /** The same with other heartbeat timing (tests shorten it so that nothing waits 30 seconds). */
    public InstanceBusSettings withHeartbeat(Duration newInterval, Duration newTimeout) {
        return new InstanceBusSettings(newInterval, newTimeout, transitLifetime, reconnectDelay, lastSeenRetention,
                sendTimeout);
    }

    public InstanceBusSettings withTransitLifetime(Duration newLifetime) {
        return new InstanceBusSettings(heartbeatInterval, instanceTimeout, newLifetime, reconnectDelay,
                lastSeenRetention, sendTimeout);
    }

    public InstanceBusSettings withReconnectDelay(Duration newDelay) {
        return new InstanceBusSettings(heartbeatInterval, instanceTimeout, transitLifetime, newDelay,
                lastSeenRetention, sendTimeout);
    }

    public InstanceBusSettings withSendTimeout(Duration newTimeout) {
        return new InstanceBusSettings(heartbeatInterval, instanceTimeout, transitLifetime, reconnectDelay,
                lastSeenRetention, newTimeout);
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
