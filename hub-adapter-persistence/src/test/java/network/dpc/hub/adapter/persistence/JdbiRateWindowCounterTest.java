package network.dpc.hub.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import network.dpc.hub.application.fake.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JdbiRateWindowCounterTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static PostgresDatabase database;
    private final MutableClock clock = MutableClock.at("2026-11-27T08:00:10Z");

    @BeforeAll
    static void open() {
        database = TestDatabase.newMigratedDatabase();
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void twoInstancesCountIntoTheSameWindow() {
        JdbiRateWindowCounter first = new JdbiRateWindowCounter(database.jdbi(), clock);
        JdbiRateWindowCounter second = new JdbiRateWindowCounter(database.jdbi(), clock);
        Instant window = Instant.parse("2026-11-27T08:00:00Z");

        assertThat(first.hit("login|ip:192.0.2.7", window, MINUTE)).isEqualTo(1);
        assertThat(second.hit("login|ip:192.0.2.7", window, MINUTE)).isEqualTo(2);
        assertThat(first.hit("login|ip:192.0.2.8", window, MINUTE)).isEqualTo(1);
        assertThat(second.hit("login|ip:192.0.2.7", window.plus(MINUTE), MINUTE)).isEqualTo(1);
    }

    @Test
    void keysAreStoredOnlyAsHashesAndExpiredWindowsGo() {
        JdbiRateWindowCounter counter = new JdbiRateWindowCounter(database.jdbi(), clock);
        counter.hit("node_registration|ip:198.51.100.23", Instant.parse("2026-11-27T08:00:00Z"), MINUTE);

        List<byte[]> keys = database.jdbi().withHandle(h -> h.createQuery("SELECT key_hash FROM rate_limit_windows")
                .mapTo(byte[].class).list());
        assertThat(keys).isNotEmpty().allSatisfy(k -> assertThat(new String(k, StandardCharsets.ISO_8859_1))
                .doesNotContain("198.51.100.23"));

        clock.advance(Duration.ofMinutes(5));
        counter.hit("other", Instant.parse("2026-11-27T08:05:00Z"), MINUTE);
        long old = database.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM rate_limit_windows WHERE window_start < '2026-11-27T08:05:00Z'")
                .mapTo(Long.class).one());
        assertThat(old).isZero();
    }
}
