package network.dpc.hub.adapter.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
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
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one statement for the requests of many concurrent callers (group commit): one thread takes everything
 * pending and runs it as one statement (one round trip, one transaction, one commit), and every caller waits, within
 * a bound, for its own answer. Nothing waits for a batch to fill: when idle, a request runs at once, and batches
 * form only from what arrives while the previous statement runs. Two requests with the same non-null
 * {@code distinctBy} key never share a statement (the second waits for the next), so a statement may assume its
 * inputs are distinct; a key function that answers {@code null} lets equal requests share one.
 *
 * @param <I> one caller's request
 * @param <O> its answer
 */
public final class StatementBatcher<I, O> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StatementBatcher.class);
    private static final long IDLE_POLL_MILLIS = 100;

    private final Connections connections;
    private final Statement<I, O> statement;
    private final Function<I, ?> distinctBy;
    private final ToIntFunction<I> weight;
    private final Limits limits;
    private final LinkedBlockingQueue<Pending<I, O>> queue;
    /** Taken from the queue but left for the next statement: its key is already in the batch being built. */
    private final Deque<Pending<I, O>> deferred = new ArrayDeque<>();
    private final AtomicLong statements = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    /** Where the batcher gets a connection for each statement (usually the pool). */
    @FunctionalInterface
    public interface Connections {
        Connection open() throws SQLException;
    }

    /** The statement: answers for {@code inputs} (distinct by key), in their order, on one connection. */
    @FunctionalInterface
    public interface Statement<I, O> {
        List<O> run(Connection c, List<I> inputs) throws SQLException;

        /** A statement that only acts and answers nothing (each caller learns only that it committed). */
        static <I> Statement<I, Void> withoutAnswers(Action<I> action) {
            return (c, inputs) -> {
                action.run(c, inputs);
                return Collections.nCopies(inputs.size(), null);
            };
        }
    }

    /** A statement with no answers. */
    @FunctionalInterface
    public interface Action<I> {
        void run(Connection c, List<I> inputs) throws SQLException;
    }

    /**
     * @param maxBatch at most this many requests in one statement
     * @param maxWeight at most about this much weight in one statement (a request alone may exceed it)
     * @param maxWaiting callers beyond this many waiting are refused at once instead of queueing without bound
     * @param timeout how long a caller waits for its request to be taken into a running statement; once it runs, the
     *     caller waits as long again for it to finish, or, with {@code waitsOutRunningStatements}, until it finishes
     * @param waitsOutRunningStatements whether a caller whose statement is running waits for its outcome however long
     *     it takes (for writes whose outcome the caller must know), rather than being told its fate is unknown
     */
    public record Limits(int maxBatch, int maxWeight, int maxWaiting, Duration timeout,
            boolean waitsOutRunningStatements) {
        public Limits {
            if (maxBatch < 1 || maxWeight < 1 || maxWaiting < 1) {
                throw new IllegalArgumentException("batch limits must be positive");
            }
            Objects.requireNonNull(timeout, "timeout");
        }

        /** Up to {@code maxBatch} equally weighted requests a statement, 20,000 waiting, bounded waits. */
        public static Limits of(int maxBatch, Duration timeout) {
            return new Limits(maxBatch, maxBatch, 20_000, timeout, false);
        }

        /** The same limits, with callers that wait out a running statement. */
        public Limits waitingOutRunningStatements() {
            return new Limits(maxBatch, maxWeight, maxWaiting, timeout, true);
        }
    }

    /** A batcher whose requests all weigh the same ({@code limits.maxBatch()} is the only size limit). */
    public StatementBatcher(String name, Connections connections, Statement<I, O> statement,
            Function<I, ?> distinctBy, Limits limits) {
        this(name, connections, statement, distinctBy, input -> 1, limits);
    }

    /**
     * @param name the name of the batcher's thread
     * @param distinctBy requests with the same non-null key never share a statement
     * @param weight what a request counts against {@code limits.maxWeight()}
     */
    public StatementBatcher(String name, Connections connections, Statement<I, O> statement,
            Function<I, ?> distinctBy, ToIntFunction<I> weight, Limits limits) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.statement = Objects.requireNonNull(statement, "statement");
        this.distinctBy = Objects.requireNonNull(distinctBy, "distinctBy");
        this.weight = Objects.requireNonNull(weight, "weight");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.queue = new LinkedBlockingQueue<>(limits.maxWaiting());
        this.thread = Thread.ofPlatform().name(Objects.requireNonNull(name, "name")).daemon(true).unstarted(this::run);
    }

    /** Starts the batcher's thread; requests submitted before wait for it. */
    public void start() {
        thread.start();
    }

    /**
     * Runs {@code input} in the next statement and returns its answer once that statement has finished.
     *
     * @throws SQLException when it failed, or did not run within the timeout (then it never will), or its statement
     *     did not finish within twice the timeout (then its fate is unknown)
     */
    public O submit(I input) throws SQLException {
        Pending<I, O> pending = new Pending<>(Objects.requireNonNull(input, "input"));
        if (!running) {
            throw stopped();
        }
        if (!queue.offer(pending)) {
            throw new SQLException("too many requests are waiting for a statement", "53400");
        }
        return pending.await(limits.timeout(), limits.waitsOutRunningStatements());
    }

    /** How many statements have run (each for one or more requests); for tests. */
    public long statementsRun() {
        return statements.get();
    }

    /** How many requests wait to be taken into a statement; for tests. */
    public int queued() {
        return queue.size();
    }

    /** Stops the thread once its statement in flight has finished; requests still waiting fail. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        SQLException stopped = stopped();
        Pending<I, O> left;
        while ((left = queue.poll()) != null) {
            left.fail(stopped);
        }
    }

    private static SQLException stopped() {
        return new SQLException("the statement batcher is stopped", "08003");
    }

    private void run() {
        while (running) {
            try {
                List<Pending<I, O>> batch = nextBatch();
                if (!batch.isEmpty()) {
                    run(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("A statement batcher hit an unexpected error ({})", e.getClass().getSimpleName());
            }
        }
        SQLException stopped = stopped();
        deferred.forEach(p -> p.fail(stopped));
        deferred.clear();
    }

    /** Waits for the first request, then takes whatever else is pending, within the batch limits. */
    private List<Pending<I, O>> nextBatch() throws InterruptedException {
        List<Pending<I, O>> batch = new ArrayList<>();
        Set<Object> keys = new HashSet<>();
        int weights = 0;
        Deque<Pending<I, O>> carried = new ArrayDeque<>(deferred);
        deferred.clear();
        while (batch.size() < limits.maxBatch() && weights < limits.maxWeight()) {
            Pending<I, O> next = carried.pollFirst();
            if (next == null) {
                next = batch.isEmpty() && deferred.isEmpty()
                        ? queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS) : queue.poll();
            }
            if (next == null) {
                break;
            }
            if (!next.take()) {
                continue; // its caller gave up waiting before it was taken: it never runs
            }
            Object key = distinctBy.apply(next.input());
            if (key != null && !keys.add(key)) {
                deferred.addLast(next);
                continue;
            }
            batch.add(next);
            weights += weight.applyAsInt(next.input());
        }
        deferred.addAll(carried);
        return batch;
    }

    private void run(List<Pending<I, O>> batch) {
        try {
            runOnce(batch);
            return;
        } catch (RuntimeException e) {
            SQLException failed = new SQLException("a batched statement failed", "XX000", e);
            batch.forEach(p -> p.fail(failed));
            throw e;
        } catch (SQLException e) {
            if (isConnectionFailure(e)) {
                retryOnFreshConnection(batch);
                return;
            }
            if (batch.size() == 1) {
                batch.getFirst().fail(e);
                return;
            }
            log.debug("A batched statement failed ({}); running its requests one by one", e.getSQLState());
        }
        for (Pending<I, O> one : batch) { // one bad request must not fail the others
            try {
                runOnce(List.of(one));
            } catch (SQLException e) {
                one.fail(e);
            } catch (RuntimeException e) {
                one.fail(new SQLException("a batched statement failed", "XX000", e));
            }
        }
    }

    /** A pooled connection that died with its server process has been dropped by the pool; try a fresh one. */
    private void retryOnFreshConnection(List<Pending<I, O>> batch) {
        try {
            runOnce(batch);
        } catch (SQLException e) {
            batch.forEach(p -> p.fail(e));
        } catch (RuntimeException e) {
            SQLException failed = new SQLException("a batched statement failed", "XX000", e);
            batch.forEach(p -> p.fail(failed));
        }
    }

    /**
     * Runs those of {@code batch} whose callers still wait once a connection is at hand (getting one is what may
     * take long) and hands each its answer; a request whose caller gave up before that never runs.
     */
    private void runOnce(List<Pending<I, O>> batch) throws SQLException {
        try (Connection c = connections.open()) {
            List<Pending<I, O>> live = batch.stream().filter(Pending::startRunning).toList();
            if (live.isEmpty()) {
                return;
            }
            List<O> answers = statement.run(c, live.stream().map(Pending::input).toList());
            if (answers.size() != live.size()) {
                throw new IllegalStateException("a batched statement answered " + answers.size() + " of "
                        + live.size() + " requests");
            }
            statements.incrementAndGet();
            for (int i = 0; i < live.size(); i++) {
                live.get(i).succeed(answers.get(i));
            }
        }
    }

    /** Whether {@code e} says the connection broke (SQL state class 08, or the server shut down), not the SQL. */
    public static boolean isConnectionFailure(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.equals("57P01"));
    }

    /** One caller's request and its outcome. */
    private static final class Pending<I, O> {
        private static final int QUEUED = 0;
        private static final int TAKEN = 1;
        private static final int RUNNING = 2;
        private static final int ABANDONED = 3;

        private final I input;
        private final AtomicInteger state = new AtomicInteger(QUEUED);
        private final CompletableFuture<O> outcome = new CompletableFuture<>();

        Pending(I input) {
            this.input = input;
        }

        I input() {
            return input;
        }

        /** Takes it into a batch; false when its caller has given up already. */
        boolean take() {
            return state.get() == TAKEN || state.compareAndSet(QUEUED, TAKEN);
        }

        /** Puts it into the statement about to run; false when its caller has given up already. */
        boolean startRunning() {
            return state.get() == RUNNING || state.compareAndSet(TAKEN, RUNNING);
        }

        /** The caller gives up: true if it was not running yet (and now never will). */
        private boolean abandon() {
            return state.compareAndSet(QUEUED, ABANDONED) || state.compareAndSet(TAKEN, ABANDONED);
        }

        void succeed(O answer) {
            outcome.complete(answer);
        }

        void fail(SQLException e) {
            outcome.completeExceptionally(e);
        }

        /**
         * Waits for the outcome. After {@code timeout} a request not yet in a running statement is given up (never
         * run); one whose statement is running already is waited for until it finishes ({@code waitOut}) or once
         * more as long, so that a caller is told it failed only when it did not run (or, after twice the timeout,
         * when its fate is unknown).
         */
        O await(Duration timeout, boolean waitOut) throws SQLException {
            try {
                try {
                    return outcome.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    if (abandon()) {
                        throw new SQLTimeoutException("a request did not run within " + timeout, "57014");
                    }
                    return waitOut ? outcome.get() : outcome.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
                }
            } catch (TimeoutException e) {
                throw new SQLTimeoutException("a batched statement did not finish in time", "57014");
            } catch (InterruptedException e) {
                abandon();
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting for a batched statement", "57014");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof SQLException sql) {
                    throw sql;
                }
                throw new SQLException("a batched statement failed", "XX000", e.getCause());
            }
        }
    }
}
