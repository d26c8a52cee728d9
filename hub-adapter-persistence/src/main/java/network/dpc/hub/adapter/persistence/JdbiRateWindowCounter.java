package network.dpc.hub.adapter.persistence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import network.dpc.hub.application.port.out.RateWindowCounter;
import org.jdbi.v3.core.Jdbi;

/**
 * Fixed-window request counters in PostgreSQL's {@code rate_limit_windows}, shared by every hub instance. A key
 * (limit and subject: a user id or a client address) is stored only as its SHA-256; expired windows are deleted
 * now and then by whichever instance counts.
 */
public final class JdbiRateWindowCounter implements RateWindowCounter {

    private static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);

    private final Jdbi jdbi;
    private final Clock clock;
    private final AtomicLong nextPurgeMillis = new AtomicLong();

    public JdbiRateWindowCounter(Jdbi jdbi, Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public long hit(String key, Instant windowStart, Duration window) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(window, "window");
        purgeNowAndThen();
        return jdbi.withHandle(h -> h.createQuery("""
                INSERT INTO rate_limit_windows (key_hash, window_start, hits, expires_at)
                VALUES (:key, :start, 1, :expires)
                ON CONFLICT (key_hash, window_start) DO UPDATE SET hits = rate_limit_windows.hits + 1
                RETURNING hits""")
                .bind("key", SecretHashes.sha256(key))
                .bind("start", windowStart)
                .bind("expires", windowStart.plus(window))
                .mapTo(Long.class)
                .one());
    }

    private void purgeNowAndThen() {
        long now = clock.millis();
        long due = nextPurgeMillis.get();
        if (now >= due && nextPurgeMillis.compareAndSet(due, now + PURGE_INTERVAL.toMillis())) {
            Instant cutOff = clock.instant();
            jdbi.useHandle(h -> h.createUpdate("DELETE FROM rate_limit_windows WHERE expires_at <= :now")
                    .bind("now", cutOff).execute());
        }
    }
}
