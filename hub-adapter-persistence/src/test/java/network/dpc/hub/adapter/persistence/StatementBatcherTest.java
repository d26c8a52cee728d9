package network.dpc.hub.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The group-commit batcher on its own (its statement a plain function, no database): each caller gets its own
 * answer, callers waiting together share a statement, equal keys never share one, and a failing statement fails only
 * the request behind it, or every caller of a statement that answered wrongly, never leaving one waiting.
 * (NotificationSenderTest drives the same batcher against PostgreSQL, with its timeouts and outages.)
 */
class StatementBatcherTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final List<StatementBatcher<?, ?>> batchers = new ArrayList<>();
    /** Every statement's inputs, in the order they ran. */
    private final ConcurrentLinkedQueue<List<Integer>> statements = new ConcurrentLinkedQueue<>();
    private volatile CountDownLatch held = new CountDownLatch(0);
    /** How many statements wait at the held gate for their connection. */
    private final java.util.concurrent.atomic.AtomicInteger atTheGate = new java.util.concurrent.atomic.AtomicInteger();

    @AfterEach
    void closeAll() {
        held.countDown();
        batchers.forEach(StatementBatcher::close);
        callers.shutdownNow();
    }

    private <O> StatementBatcher<Integer, O> batcher(StatementBatcher.Statement<Integer, O> statement,
            java.util.function.Function<Integer, ?> distinctBy) {
        return batcher(statement, distinctBy, StatementBatcher.Limits.of(64, WAIT));
    }

    private <O> StatementBatcher<Integer, O> batcher(StatementBatcher.Statement<Integer, O> statement,
            java.util.function.Function<Integer, ?> distinctBy, StatementBatcher.Limits limits) {
        StatementBatcher.Connections gate = () -> {
            atTheGate.incrementAndGet();
            try {
                held.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                atTheGate.decrementAndGet();
            }
            return null; // the statements here use no connection
        };
        StatementBatcher<Integer, O> batcher = new StatementBatcher<>("batcher-under-test", gate,
                (Connection c, List<Integer> inputs) -> {
                    statements.add(List.copyOf(inputs));
                    return statement.run(c, inputs);
                }, distinctBy, limits);
        batchers.add(batcher);
        batcher.start();
        return batcher;
    }

    /** Submits {@code input} and waits until its statement is held at the gate, so that what follows queues. */
    private <O> Future<O> heldAtTheGate(StatementBatcher<Integer, O> batcher, int input) {
        held = new CountDownLatch(1);
        Future<O> first = callers.submit(() -> batcher.submit(input));
        Await.until("the first statement waits for its connection", WAIT, () -> atTheGate.get() == 1);
        return first;
    }

    /** Submits each of {@code inputs} from its own caller and waits until all of them are queued. */
    private <O> List<Future<O>> queued(StatementBatcher<Integer, O> batcher, List<Integer> inputs) {
        List<Future<O>> futures = new ArrayList<>();
        for (int input : inputs) {
            futures.add(callers.submit(() -> batcher.submit(input)));
        }
        Await.until(inputs.size() + " callers queued", WAIT, () -> batcher.queued() == inputs.size());
        return futures;
    }

    private static List<String> doubled(Connection c, List<Integer> inputs) {
        return inputs.stream().map(i -> "answer-" + (i * 2)).toList();
    }

    @Test
    void callersWaitingTogetherShareAStatementAndEachGetsItsOwnAnswer() throws Exception {
        StatementBatcher<Integer, String> batcher = batcher(StatementBatcherTest::doubled, i -> i);
        Future<String> first = heldAtTheGate(batcher, 0);
        List<Future<String>> others = queued(batcher, IntStream.rangeClosed(1, 40).boxed().toList());
        held.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("answer-0");
        for (int i = 1; i <= 40; i++) {
            assertThat(others.get(i - 1).get(10, TimeUnit.SECONDS)).isEqualTo("answer-" + (i * 2));
        }
        assertThat(batcher.statementsRun()).isEqualTo(2);
        assertThat(statements).hasSize(2);
        assertThat(statements).last().asList().hasSize(40);
    }

    @Test
    void requestsWithTheSameKeyNeverShareAStatement() throws Exception {
        StatementBatcher<Integer, String> batcher = batcher(StatementBatcherTest::doubled, i -> i % 2);
        Future<String> first = heldAtTheGate(batcher, 100);
        List<Future<String>> others = queued(batcher, IntStream.rangeClosed(1, 6).boxed().toList());
        held.countDown();

        first.get(10, TimeUnit.SECONDS);
        for (Future<String> other : others) {
            other.get(10, TimeUnit.SECONDS);
        }
        for (List<Integer> inputs : statements) {
            assertThat(inputs.stream().map(i -> i % 2).distinct().count()).isEqualTo(inputs.size());
        }
        assertThat(statements.stream().mapToInt(List::size).sum()).isEqualTo(7);
    }

    @Test
    void aFailingBatchIsRetriedOneByOneSoOnlyTheBadRequestFails() throws Exception {
        StatementBatcher<Integer, String> batcher = batcher((c, inputs) -> {
            if (inputs.contains(13)) {
                throw new SQLException("13 is refused", "22023");
            }
            return doubled(c, inputs);
        }, i -> i);
        Future<String> first = heldAtTheGate(batcher, 1);
        Future<String> good = callers.submit(() -> batcher.submit(12));
        Future<String> bad = callers.submit(() -> batcher.submit(13));
        Future<String> alsoGood = callers.submit(() -> batcher.submit(14));
        Await.until("three callers queued", WAIT, () -> batcher.queued() == 3);
        held.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("answer-2");
        assertThat(good.get(10, TimeUnit.SECONDS)).isEqualTo("answer-24");
        assertThat(alsoGood.get(10, TimeUnit.SECONDS)).isEqualTo("answer-28");
        assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(SQLException.class)
                .cause().hasMessage("13 is refused");
    }

    @Test
    void aStatementThatAnswersTheWrongNumberOfRequestsFailsItsCallersInsteadOfLeavingThemWaiting() {
        StatementBatcher<Integer, String> batcher = batcher((c, inputs) -> List.of(), i -> i);

        for (int attempt = 0; attempt < 2; attempt++) { // the batcher's thread survives the first failure
            int input = attempt;
            assertThatThrownBy(() -> batcher.submit(input)).isInstanceOf(SQLException.class)
                    .isNotInstanceOf(java.sql.SQLTimeoutException.class)
                    .hasMessage("a batched statement failed");
        }
    }

    @Test
    void requestsWithoutAKeyMayShareAStatementEvenWhenEqual() throws Exception {
        StatementBatcher<Integer, String> batcher = batcher(StatementBatcherTest::doubled, i -> null);
        Future<String> first = heldAtTheGate(batcher, 1);
        List<Future<String>> twins = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            twins.add(callers.submit(() -> batcher.submit(7)));
        }
        Await.until("five equal requests queued", WAIT, () -> batcher.queued() == 5);
        held.countDown();

        first.get(10, TimeUnit.SECONDS);
        for (Future<String> twin : twins) {
            assertThat(twin.get(10, TimeUnit.SECONDS)).isEqualTo("answer-14");
        }
        assertThat(statements).last().asList().containsExactly(7, 7, 7, 7, 7);
    }

    @Test
    void anUnexpectedErrorWhileRetryingOneByOneFailsOnlyItsRequestAtOnce() throws Exception {
        StatementBatcher<Integer, String> batcher = batcher((c, inputs) -> {
            if (inputs.contains(13) && inputs.size() > 1) {
                throw new SQLException("the batch is refused", "22023");
            }
            if (inputs.contains(13)) {
                throw new IllegalStateException("13 breaks the statement itself");
            }
            return doubled(c, inputs);
        }, i -> i);
        Future<String> first = heldAtTheGate(batcher, 1);
        Future<String> bad = callers.submit(() -> batcher.submit(13));
        Future<String> good = callers.submit(() -> batcher.submit(14));
        Await.until("two callers queued", WAIT, () -> batcher.queued() == 2);
        held.countDown();

        first.get(10, TimeUnit.SECONDS);
        assertThat(good.get(10, TimeUnit.SECONDS)).isEqualTo("answer-28");
        assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(SQLException.class)
                .isNotInstanceOf(java.sql.SQLTimeoutException.class).hasMessage("a batched statement failed");
    }

    @Test
    void aCallerThatWaitsOutRunningStatementsGetsTheAnswerOfASlowStatementOthersGiveUpOn() throws Exception {
        Duration timeout = Duration.ofMillis(100);
        CountDownLatch slow = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger runningStatements = new java.util.concurrent.atomic.AtomicInteger();
        StatementBatcher.Statement<Integer, String> slowStatement = (c, inputs) -> {
            runningStatements.incrementAndGet();
            try {
                slow.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return doubled(c, inputs);
        };
        StatementBatcher<Integer, String> waitsOut = batcher(slowStatement, i -> i,
                StatementBatcher.Limits.of(64, timeout).waitingOutRunningStatements());
        StatementBatcher<Integer, String> givesUp = batcher(slowStatement, i -> i, StatementBatcher.Limits.of(64,
                timeout));
        Future<String> patient = callers.submit(() -> waitsOut.submit(5));
        Future<String> impatient = callers.submit(() -> givesUp.submit(6));
        Await.until("both statements run", WAIT, () -> runningStatements.get() == 2);

        assertThatThrownBy(() -> impatient.get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOf(java.sql.SQLTimeoutException.class)
                .hasMessage("a batched statement did not finish in time");
        assertThat(patient).isNotDone(); // 2 × 100 ms have passed: it still waits for its running statement
        slow.countDown();
        assertThat(patient.get(10, TimeUnit.SECONDS)).isEqualTo("answer-10");
    }
}
