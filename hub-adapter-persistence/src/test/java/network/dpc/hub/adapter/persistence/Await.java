package network.dpc.hub.adapter.persistence;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Bounded polling for conditions that become true asynchronously (never a sleep for timing); shared with the
 * other modules' tests through this module's test-jar.
 */
public final class Await {

    private Await() {
    }

    /** Polls {@code condition} until it holds; fails after {@code limit}. Returns how long it took. */
    public static Duration until(String what, Duration limit, BooleanSupplier condition) {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit + ": " + what);
            }
            LockSupport.parkNanos(2_000_000);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
