package network.dpc.hub.adapter.persistence.bus;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the relay notifications of one instance for all its callers: one thread takes everything pending and sends
 * it in one statement (one transaction, one turn of PostgreSQL's notification lock, one wake-up of each listener),
 * and every caller waits, within a bound, until its own notification has committed or failed. Nothing waits for a
 * batch to fill: when idle, a notification goes out at once, and batches form only from what arrives while the
 * previous statement runs.
 */
final class NotificationSender implements AutoCloseable {

    /** At most this many notifications in one statement. */
    static final int MAX_BATCH = 256;
    /** At most about this many payload characters in one statement (a payload is at most 7,900 bytes). */
    static final int MAX_BATCH_CHARS = 512 * 1024;
    /** Callers beyond this many waiting are refused at once instead of queueing without bound. */
    static final int MAX_WAITING = 20_000;

    private static final Logger log = LoggerFactory.getLogger(NotificationSender.class);
    private static final long IDLE_POLL_MILLIS = 100;

    private final Connections connections;
    private final Duration timeout;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>(MAX_WAITING);
    /** Taken from the queue but left for the next statement: identical to one already in the batch being built. */
    private final Deque<Pending> deferred = new ArrayDeque<>();
    private final AtomicLong statements = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    /** Where the sender gets a connection for each statement (the instance's pool). */
    @FunctionalInterface
    interface Connections {
        Connection open() throws SQLException;
    }

    /**
     * @param timeout how long a caller waits for its notification's commit before it is told the send failed
     */
    NotificationSender(Connections connections, String name, Duration timeout) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.thread = Thread.ofPlatform().name(name).daemon(true).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /**
     * Sends {@code payload} on {@code channel} and returns once it has committed.
     *
     * @throws SQLException when it could not be handed to PostgreSQL within the timeout (then it was not sent, or
     *     its fate is unknown)
     */
    void send(String channel, String payload) throws SQLException {
        Pending pending = new Pending(channel, payload);
        if (!running) {
            throw new SQLException("the notification sender is stopped", "08003");
        }
        if (!queue.offer(pending)) {
            throw new SQLException("too many notifications are waiting to be sent", "53400");
        }
        pending.await(timeout);
    }

    /** How many statements have been sent (each carrying one or more notifications); for tests. */
    long statementsSent() {
        return statements.get();
    }

    /** How many notifications wait to be taken into a statement; for tests. */
    int queued() {
        return queue.size();
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        SQLException stopped = new SQLException("the notification sender is stopped", "08003");
        Pending left;
        while ((left = queue.poll()) != null) {
            left.fail(stopped);
        }
    }

    private void run() {
        while (running) {
            try {
                List<Pending> batch = nextBatch();
                if (!batch.isEmpty()) {
                    send(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("The notification sender hit an unexpected error ({})", e.getClass().getSimpleName());
            }
        }
        SQLException stopped = new SQLException("the notification sender is stopped", "08003");
        deferred.forEach(p -> p.fail(stopped));
        deferred.clear();
    }

    /** Waits for the first notification, then takes whatever else is pending, within the batch limits. */
    private List<Pending> nextBatch() throws InterruptedException {
        List<Pending> batch = new ArrayList<>();
        Set<Pending.Key> keys = new HashSet<>();
        int chars = 0;
        Deque<Pending> carried = new ArrayDeque<>(deferred);
        deferred.clear();
        while (batch.size() < MAX_BATCH && chars < MAX_BATCH_CHARS) {
            Pending next = carried.pollFirst();
            if (next == null) {
                next = batch.isEmpty() && deferred.isEmpty()
                        ? queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS) : queue.poll();
            }
            if (next == null) {
                break;
            }
            if (!next.take()) {
                continue; // its caller gave up waiting before it was taken: it is not sent
            }
            // PostgreSQL folds identical notifications of one transaction into one: the twin waits for the next.
            if (!keys.add(next.key())) {
                deferred.addLast(next);
                continue;
            }
            batch.add(next);
            chars += next.payload().length();
        }
        deferred.addAll(carried);
        return batch;
    }

    private void send(List<Pending> batch) {
        try {
            sendOnce(batch).forEach(Pending::succeed);
            return;
        } catch (SQLException e) {
            if (BusSql.isConnectionFailure(e)) {
                retryOnFreshConnection(batch);
                return;
            }
            if (batch.size() == 1) {
                batch.getFirst().fail(e);
                return;
            }
            log.debug("A batch of notifications failed ({}); sending them one by one", e.getSQLState());
        }
        for (Pending one : batch) { // one bad notification must not fail the others
            try {
                sendOnce(List.of(one)).forEach(Pending::succeed);
            } catch (SQLException e) {
                one.fail(e);
            }
        }
    }

    /** A pooled connection that died with its server process has been dropped by the pool; try a fresh one. */
    private void retryOnFreshConnection(List<Pending> batch) {
        try {
            sendOnce(batch).forEach(Pending::succeed);
        } catch (SQLException e) {
            batch.forEach(p -> p.fail(e));
        }
    }

    /**
     * Sends those of {@code batch} whose callers still wait once a connection is at hand (getting one is what may
     * take long), and returns them; a notification whose caller gave up before that is never sent.
     */
    private List<Pending> sendOnce(List<Pending> batch) throws SQLException {
        try (Connection c = connections.open()) {
            List<Pending> live = batch.stream().filter(Pending::startSending).toList();
            if (live.isEmpty()) {
                return live;
            }
            String[] channels = new String[live.size()];
            String[] payloads = new String[live.size()];
            for (int i = 0; i < live.size(); i++) {
                channels[i] = live.get(i).channel();
                payloads[i] = live.get(i).payload();
            }
            BusSql.notifyEach(c, channels, payloads);
            statements.incrementAndGet();
            return live;
        }
    }

    /** One caller's notification and its outcome. */
    private static final class Pending {
        private static final int QUEUED = 0;
        private static final int TAKEN = 1;
        private static final int SENDING = 2;
        private static final int ABANDONED = 3;

        private final String channel;
        private final String payload;
        private final AtomicInteger state = new AtomicInteger(QUEUED);
        private final CompletableFuture<Void> outcome = new CompletableFuture<>();

        /** Identical channel and payload: PostgreSQL would deliver only one of them from one transaction. */
        record Key(String channel, String payload) {
        }

        Pending(String channel, String payload) {
            this.channel = channel;
            this.payload = payload;
        }

        String channel() {
            return channel;
        }

        String payload() {
            return payload;
        }

        Key key() {
            return new Key(channel, payload);
        }

        /** Takes it into a batch; false when its caller has given up already. */
        boolean take() {
            return state.get() == TAKEN || state.compareAndSet(QUEUED, TAKEN);
        }

        /** Puts it into the statement about to run; false when its caller has given up already. */
        boolean startSending() {
            return state.get() == SENDING || state.compareAndSet(TAKEN, SENDING);
        }

        /** The caller gives up: true if it was not being sent yet (and now never will be). */
        private boolean abandon() {
            return state.compareAndSet(QUEUED, ABANDONED) || state.compareAndSet(TAKEN, ABANDONED);
        }

        void succeed() {
            outcome.complete(null);
        }

        void fail(SQLException e) {
            outcome.completeExceptionally(e);
        }

        /**
         * Waits for the outcome. After {@code timeout} a notification not yet in a running statement is given up
         * (never sent); one whose statement is running already is waited for once more as long, so that a caller
         * is told it failed only when it was not sent (or, after twice the timeout, when its fate is unknown).
         */
        void await(Duration timeout) throws SQLException {
            try {
                try {
                    outcome.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    if (abandon()) {
                        throw new SQLTimeoutException("a notification was not sent within " + timeout, "57014");
                    }
                    outcome.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
                }
            } catch (TimeoutException e) {
                throw new SQLTimeoutException("a notification's statement did not finish in time", "57014");
            } catch (InterruptedException e) {
                abandon();
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while a notification was being sent", "57014");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof SQLException sql) {
                    throw sql;
                }
                throw new SQLException("a notification could not be sent", "XX000", e.getCause());
            }
        }
    }
}
