package network.dpc.hub.domain.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.user.UserId;
import org.junit.jupiter.api.Test;

class SessionTableTest {

    private static final NodeId NODE = new NodeId("dpc-node-0123456789abcdef0123456789abcdef");
    private static final NodeId OTHER = new NodeId("dpc-node-00112233445566778899aabbccddeeff");
    private static final UserId ALICE = UserId.random();
    private static final UserId BOB = UserId.random();

    private final SessionTable<String> table = new SessionTable<>();

    @Test
    void aFirstSocketDisplacesNothing() {
        Registration<String> first = table.register(NODE, ALICE, "socket-1");

        assertThat(first.displaced()).isEmpty();
        assertThat(first.replacedAnother()).isFalse();
        assertThat(first.key().node()).isEqualTo(NODE);
        assertThat(table.socketOf(NODE)).contains("socket-1");
        assertThat(table.size()).isEqualTo(1);
    }

    @Test
    void aNewerSocketDisplacesTheOlderOne() {
        Registration<String> older = table.register(NODE, ALICE, "socket-1");
        Registration<String> newer = table.register(NODE, ALICE, "socket-2");

        assertThat(newer.displaced()).contains("socket-1");
        assertThat(newer.key().epoch()).isGreaterThan(older.key().epoch());
        assertThat(table.socketOf(NODE)).contains("socket-2");
        assertThat(table.isCurrent(older.key())).isFalse();
        assertThat(table.isCurrent(newer.key())).isTrue();
        assertThat(table.size()).isEqualTo(1);
    }

    @Test
    void theOlderSocketsLateCloseNeverUnregistersTheNewerOne() {
        Registration<String> older = table.register(NODE, ALICE, "socket-1");
        table.register(NODE, ALICE, "socket-2");

        Departure departure = table.unregister(older.key());

        assertThat(departure).isEqualTo(new Departure.Superseded(NODE));
        assertThat(table.socketOf(NODE)).contains("socket-2");
    }

    @Test
    void theCurrentSocketsCloseTakesTheNodeOffline() {
        Registration<String> only = table.register(NODE, ALICE, "socket-1");

        assertThat(table.unregister(only.key())).isEqualTo(new Departure.WentOffline(NODE));
        assertThat(table.socketOf(NODE)).isEmpty();
        assertThat(table.size()).isZero();
        assertThat(table.unregister(only.key())).isEqualTo(new Departure.Superseded(NODE));
    }

    @Test
    void socketsOfAUserSpanAllTheirNodesAndNobodyElses() {
        table.register(NODE, ALICE, "alice-1");
        table.register(OTHER, ALICE, "alice-2");
        table.register(new NodeId("dpc-node-ffffffffffffffff"), BOB, "bob-1");

        assertThat(table.socketsOf(ALICE)).containsExactlyInAnyOrder("alice-1", "alice-2");
        assertThat(table.socketsOf(BOB)).containsExactly("bob-1");
        assertThat(table.all()).hasSize(3);
    }

    @Test
    void aRegistrationRacingTheOlderSocketsCloseAlwaysLeavesTheNewerCurrent() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 2_000; round++) {
                Registration<String> older = table.register(NODE, ALICE, "old-" + round);
                CountDownLatch start = new CountDownLatch(1);
                String newer = "new-" + round;
                Future<?> register = pool.submit(() -> {
                    start.await();
                    return table.register(NODE, ALICE, newer);
                });
                Future<Departure> close = pool.submit(() -> {
                    start.await();
                    return table.unregister(older.key());
                });
                start.countDown();
                register.get(5, TimeUnit.SECONDS);
                close.get(5, TimeUnit.SECONDS);

                assertThat(table.socketOf(NODE)).as("round %d", round).contains(newer);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentRegistrationsAndClosesNeverLeaveAStaleOrLostEntry() throws Exception {
        List<NodeId> nodes = List.of(NODE, OTHER, new NodeId("dpc-node-ffffffffffffffff"),
                new NodeId("dpc-node-temp-0123456789abcdef"));
        AtomicInteger wentOffline = new AtomicInteger();
        AtomicInteger registrations = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        NodeId node = nodes.get(ThreadLocalRandom.current().nextInt(nodes.size()));
                        Registration<String> mine = table.register(node, ALICE, Thread.currentThread().getName() + i);
                        registrations.incrementAndGet();
                        if (ThreadLocalRandom.current().nextBoolean()) {
                            Thread.yield();
                        }
                        if (table.unregister(mine.key()) instanceof Departure.WentOffline) {
                            wentOffline.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        // Every socket closed with its own key: whatever the interleaving, nothing may remain registered.
        assertThat(table.size()).isZero();
        assertThat(wentOffline.get()).isBetween(1, registrations.get());
    }
}
