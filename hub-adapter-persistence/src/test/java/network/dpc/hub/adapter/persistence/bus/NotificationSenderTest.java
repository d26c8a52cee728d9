package network.dpc.hub.adapter.persistence.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import network.dpc.hub.adapter.persistence.Await;
import network.dpc.hub.adapter.persistence.PostgresDatabase;
import network.dpc.hub.adapter.persistence.ReceivedNotifications;
import network.dpc.hub.adapter.persistence.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The batching relay sender against a real PostgreSQL: concurrent callers share statements, every notification
 * arrives exactly once, and every caller learns its own outcome (committed, failed, or not sent in time).
 */
class NotificationSenderTest {

    private static final String CHANNEL = "sender_test";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static PostgresDatabase database;
    private final Gate gate = new Gate(database.dataSource());
    private final List<NotificationSender> senders = new ArrayList<>();
    private final ExecutorService callers = Executors.newCachedThreadPool();
    private Connection listening;

    @BeforeAll
    static void openDatabase() {
        database = TestDatabase.newMigratedDatabase();
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @AfterEach
    void closeAll() throws SQLException {
        gate.release();
        senders.forEach(NotificationSender::close);
        callers.shutdownNow();
        if (listening != null) {
            listening.close();
        }
    }

    private NotificationSender sender(Duration timeout) {
        NotificationSender sender = new NotificationSender(gate, "sender-under-test", timeout);
        senders.add(sender);
        sender.start();
        return sender;
    }

    private void listen() throws SQLException {
        listening = database.openDedicatedConnection("sender-test-listener");
        try (var s = listening.createStatement()) {
            s.execute("LISTEN " + CHANNEL);
        }
    }

    /** Notifications received until {@code expected} have arrived (or the wait is over). */
    private List<String> received(int expected) throws SQLException {
        return ReceivedNotifications.awaitPayloads(listening, expected, WAIT);
    }

    /** Whatever else arrives within a short while (for asserting that nothing more came). */
    private List<String> drain() throws SQLException {
        return ReceivedNotifications.awaitPayloads(listening, Integer.MAX_VALUE, Duration.ofMillis(300));
    }

    private Future<SQLException> sendAsync(NotificationSender sender, String payload) {
        return callers.submit(() -> {
            try {
                sender.send(CHANNEL, payload);
                return null;
            } catch (SQLException e) {
                return e;
            }
        });
    }

    /** "committed", or the SQL state its caller was told. */
    private static String outcome(Future<SQLException> call) throws Exception {
        SQLException failure = call.get(10, TimeUnit.SECONDS);
        return failure == null ? "committed" : failure.getSQLState();
    }

    @Test
    void aLoneNotificationGoesOutAtOnceInAStatementOfItsOwn() throws Exception {
        listen();
        NotificationSender sender = sender(WAIT);

        sender.send(CHANNEL, "hello");

        assertThat(received(1)).containsExactly("hello");
        assertThat(sender.statementsSent()).isEqualTo(1);
    }

    @Test
    void whatArrivesWhileAStatementRunsGoesOutTogetherInTheNextOne() throws Exception {
        listen();
        NotificationSender sender = sender(WAIT);
        gate.hold();
        Future<SQLException> first = sendAsync(sender, "first");
        Await.until("the sender is held with the first notification", WAIT, () -> gate.waiting() == 1);
        List<Future<SQLException>> rest = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rest.add(sendAsync(sender, "n" + i));
        }
        Await.until("40 callers queued", WAIT, () -> sender.queued() == 40);

        gate.release();

        assertThat(outcome(first)).isEqualTo("committed");
        for (Future<SQLException> outcome : rest) {
            assertThat(outcome(outcome)).isEqualTo("committed");
        }
        List<String> payloads = received(41);
        assertThat(payloads).hasSize(41).doesNotHaveDuplicates().startsWith("first");
        assertThat(sender.statementsSent()).isEqualTo(2);
        assertThat(drain()).isEmpty();
    }

    @Test
    void manyConcurrentCallersEachGetTheirNotificationDeliveredExactlyOnce() throws Exception {
        listen();
        NotificationSender sender = sender(WAIT);
        int threads = 16;
        int each = 100;
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger failures = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(callers.submit(() -> {
                start.await();
                for (int i = 0; i < each; i++) {
                    try {
                        sender.send(CHANNEL, thread + ":" + i);
                    } catch (SQLException e) {
                        failures.incrementAndGet();
                    }
                }
                return null;
            }));
        }

        start.countDown();
        for (Future<?> f : done) {
            f.get(30, TimeUnit.SECONDS);
        }

        assertThat(failures).hasValue(0);
        List<String> payloads = received(threads * each);
        assertThat(payloads).hasSize(threads * each).doesNotHaveDuplicates();
        for (int t = 0; t < threads; t++) { // each caller's own notifications arrive in the order it sent them
            String prefix = t + ":";
            List<String> mine = payloads.stream().filter(p -> p.startsWith(prefix)).toList();
            assertThat(mine).hasSize(each);
            for (int i = 0; i < each; i++) {
                assertThat(mine.get(i)).isEqualTo(prefix + i);
            }
        }
        assertThat(sender.statementsSent()).isLessThanOrEqualTo(threads * each);
        assertThat(drain()).isEmpty();
    }

    @Test
    void identicalNotificationsAreNeverFoldedIntoOne() throws Exception {
        listen();
        NotificationSender sender = sender(WAIT);
        gate.hold();
        Future<SQLException> first = sendAsync(sender, "first");
        Await.until("the sender is held", WAIT, () -> gate.waiting() == 1);
        List<Future<SQLException>> twins = List.of(sendAsync(sender, "same"), sendAsync(sender, "same"),
                sendAsync(sender, "same"));
        Await.until("three twins queued", WAIT, () -> sender.queued() == 3);

        gate.release();

        assertThat(outcome(first)).isEqualTo("committed");
        for (Future<SQLException> twin : twins) {
            assertThat(outcome(twin)).isEqualTo("committed");
        }
        assertThat(received(4)).containsExactly("first", "same", "same", "same");
        assertThat(drain()).isEmpty();
    }

    @Test
    void whenTheDatabaseCannotBeReachedEveryCallerOfTheBatchIsToldItFailed() throws Exception {
        listen();
        NotificationSender sender = sender(WAIT);
        gate.hold();
        Future<SQLException> first = sendAsync(sender, "first");
        Await.until("the sender is held", WAIT, () -> gate.waiting() == 1);
        List<Future<SQLException>> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batch.add(sendAsync(sender, "doomed" + i));
        }
        Await.until("ten queued", WAIT, () -> sender.queued() == 10);
        gate.failFromNowOn();

        gate.release();

        assertThat(outcome(first)).isEqualTo("08001");
        for (Future<SQLException> outcome : batch) {
            assertThat(outcome(outcome)).isEqualTo("08001");
        }
        assertThat(drain()).isEmpty();
    }

    @Test
    void oneNotificationPostgresRefusesFailsOnlyItsOwnCaller() throws Exception {
        listen();
        NotificationSender sender = sender(WAIT);
        gate.hold();
        Future<SQLException> first = sendAsync(sender, "first");
        Await.until("the sender is held", WAIT, () -> gate.waiting() == 1);
        Future<SQLException> good1 = sendAsync(sender, "good1");
        Await.until("queued", WAIT, () -> sender.queued() == 1);
        Future<SQLException> tooLong = sendAsync(sender, "x".repeat(9_000)); // over PostgreSQL's 8,000 bytes
        Await.until("queued", WAIT, () -> sender.queued() == 2);
        Future<SQLException> good2 = sendAsync(sender, "good2");
        Await.until("queued", WAIT, () -> sender.queued() == 3);

        gate.release();

        assertThat(outcome(first)).isEqualTo("committed");
        assertThat(outcome(good1)).isEqualTo("committed");
        assertThat(outcome(good2)).isEqualTo("committed");
        assertThat(outcome(tooLong)).isNotEqualTo("committed");
        assertThat(received(3)).containsExactly("first", "good1", "good2");
        assertThat(drain()).isEmpty();
    }

    @Test
    void callersNotServedInTimeAreToldSoAndTheirNotificationsAreNeverSent() throws Exception {
        listen();
        NotificationSender sender = sender(Duration.ofMillis(300));
        gate.hold();
        Future<SQLException> first = sendAsync(sender, "first");
        Await.until("the sender waits for a connection with the first", WAIT, () -> gate.waiting() == 1);

        assertThatThrownBy(() -> sender.send(CHANNEL, "late")).isInstanceOf(SQLTimeoutException.class);
        assertThat(outcome(first)).isEqualTo("57014"); // taken into a batch, but given up before its statement ran
        gate.release();
        sender.send(CHANNEL, "marker"); // after "first" and "late": once it arrived, they would have too

        assertThat(received(1)).containsExactly("marker");
        assertThat(drain()).isEmpty();
    }

    @Test
    void aClosedSenderRefusesAtOnce() {
        NotificationSender sender = sender(WAIT);
        sender.close();

        assertThatThrownBy(() -> sender.send(CHANNEL, "after close")).isInstanceOf(SQLException.class);
    }

    /** A pool in front of which the test can hold or fail the sender's next connection. */
    private static final class Gate implements NotificationSender.Connections {
        private final DataSource pool;
        private final AtomicBoolean failing = new AtomicBoolean();
        private final AtomicInteger waiting = new AtomicInteger();
        private volatile CountDownLatch held = new CountDownLatch(0);

        Gate(DataSource pool) {
            this.pool = pool;
        }

        void hold() {
            held = new CountDownLatch(1);
        }

        void release() {
            held.countDown();
        }

        void failFromNowOn() {
            failing.set(true);
        }

        int waiting() {
            return waiting.get();
        }

        @Override
        public Connection open() throws SQLException {
            waiting.incrementAndGet();
            try {
                if (!held.await(30, TimeUnit.SECONDS)) {
                    throw new SQLException("the gate never opened", "08001");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted", "08001");
            } finally {
                waiting.decrementAndGet();
            }
            if (failing.get()) {
                throw new SQLException("the database cannot be reached", "08001");
            }
            return pool.getConnection();
        }
    }
}
