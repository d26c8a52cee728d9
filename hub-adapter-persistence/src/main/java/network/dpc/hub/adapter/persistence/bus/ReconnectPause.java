package network.dpc.hub.adapter.persistence.bus;

import java.time.Duration;

/** The wait of a listening thread between two connection attempts, which stopping the bus cuts short. */
final class ReconnectPause {

    private final Object lock = new Object();

    /** Waits {@code delay} or until {@link #wake}; false when the thread was interrupted (it should stop). */
    boolean await(Duration delay) {
        synchronized (lock) {
            try {
                lock.wait(Math.max(1, delay.toMillis()));
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** Ends every wait now. */
    void wake() {
        synchronized (lock) {
            lock.notifyAll();
        }
    }
}
