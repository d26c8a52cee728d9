package network.dpc.hub.application.port.out;

import java.time.Duration;
import java.time.Instant;

/**
 * Counts requests per key in fixed time windows, shared by every hub instance, for the rate limits that must hold
 * across instances. Keys name a limit and a subject; an adapter stores them only hashed.
 */
public interface RateWindowCounter {

    /**
     * Adds one request to {@code key}'s window that starts at {@code windowStart} and lasts {@code window}.
     *
     * @return how many requests the window holds now, this one included
     */
    long hit(String key, Instant windowStart, Duration window);
}
