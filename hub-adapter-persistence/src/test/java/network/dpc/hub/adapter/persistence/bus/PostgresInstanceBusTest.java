package network.dpc.hub.adapter.persistence.bus;

import network.dpc.hub.adapter.persistence.Await;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import network.dpc.hub.adapter.persistence.DatabaseUrl;
import network.dpc.hub.adapter.persistence.TestDatabase;
import network.dpc.hub.application.fake.RecordingSignalEndpoint;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.presence.PresenceChange;
import network.dpc.hub.domain.presence.PresenceStatus;
import network.dpc.hub.domain.signaling.RouteOutcome;
import network.dpc.hub.domain.signaling.SocketClose;
import network.dpc.hub.domain.user.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two and three instances on one real PostgreSQL, joined only by the bus. */
class PostgresInstanceBusTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final InstanceBusSettings FAST = InstanceBusSettings.defaults()
            .withHeartbeat(Duration.ofMillis(200), Duration.ofSeconds(2))
            .withTransitLifetime(Duration.ofMillis(300))
            .withReconnectDelay(Duration.ofMillis(100))
            .withSendTimeout(Duration.ofMillis(500));
    private static final UserId ALICE = UserId.random();
    private static final UserId BOB = UserId.random();
    private static final NodeId ALICE_NODE = new NodeId("dpc-node-aaaaaaaaaaaaaaaa");
    private static final NodeId BOB_NODE = new NodeId("dpc-node-bbbbbbbbbbbbbbbb");

    private final DatabaseUrl url = TestDatabase.newEmptyDatabase();
    private final List<BusInstance> instances = new ArrayList<>();

    @AfterEach
    void closeAll() {
        instances.forEach(instance -> {
            try {
                instance.close();
            } catch (RuntimeException alreadyClosed) {
                // a crashed instance's pool is closed already
            }
        });
    }

    private BusInstance instance(String id) {
        BusInstance instance = new BusInstance(url, id, FAST);
        instances.add(instance);
        return instance;
    }

    private static String signal(NodeId target, String payload) {
        return "{\"type\":\"signal\",\"target_node_id\":\"" + target + "\",\"payload\":" + payload
                + ",\"sender_node_id\":\"" + ALICE_NODE + "\"}";
    }

    @Test
    void smallAndLargeSignalsCrossToTheInstanceHoldingTheTargetInOrder() {
        BusInstance a = instance("a1");
        BusInstance b = instance("b1");
        RecordingSignalEndpoint bob = new RecordingSignalEndpoint();
        b.connect(BOB, BOB_NODE, bob);
        String small = signal(BOB_NODE, "{\"type\":\"offer\",\"sdp\":\"v=0\"}");
        String large = signal(BOB_NODE, "{\"type\":\"offer\",\"sdp\":\"" + "a=candidate ".repeat(5_120) + "\"}");
        String after = signal(BOB_NODE, "{\"type\":\"ice-candidate\"}");
        assertThat(large.length()).isGreaterThan(60 * 1024);

        Await.until("a knows bob is online", WAIT, () -> a.bus.isOnline(BOB_NODE));
        assertThat(a.bus.deliverWithoutWaiting(BOB_NODE, small)).as("another instance is reached only by waiting")
                .isEmpty();
        assertThat(a.route(BOB_NODE, small)).isEqualTo(new RouteOutcome.Delivered(BOB_NODE.value()));
        assertThat(a.route(BOB_NODE, large)).isEqualTo(new RouteOutcome.Delivered(BOB_NODE.value()));
        assertThat(a.route(BOB_NODE, after)).isEqualTo(new RouteOutcome.Delivered(BOB_NODE.value()));

        Await.until("three frames at bob", WAIT, () -> bob.frames().size() == 3);
        assertThat(bob.frames()).containsExactly(small, large, after);
        assertThat(count(a, "SELECT count(*) FROM signal_transit")).isZero();
    }

    @Test
    void signalsFromAnEarlierVersionOnAnyOfItsFourChannelsStillArriveDuringARollingUpgrade() throws Exception {
        BusInstance b = instance("b9");
        RecordingSignalEndpoint bob = new RecordingSignalEndpoint();
        b.connect(BOB, BOB_NODE, bob);
        List<String> sent = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url.jdbcUrl() + "?user=" + url.user().orElse("postgres"));
                var notify = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            for (int shard = 0; shard < 4; shard++) {
                String frame = signal(BOB_NODE, "{\"shard\":" + shard + "}");
                notify.setString(1, BusSql.channelOf("b9") + "_s" + shard); // how those versions named them
                notify.setString(2, new BusMessage.Signal(BOB_NODE, frame).encode());
                notify.execute();
                sent.add(frame);
            }
        }
        Await.until("four frames at bob", WAIT, () -> bob.frames().size() == 4);
        assertThat(bob.frames()).containsExactlyElementsOf(sent);
    }

    @Test
    void aTargetConnectedNowhereIsOfflineAndOneThatJustConnectedElsewhereIsFoundInTheDatabase() {
        BusInstance a = instance("a2");
        BusInstance b = instance("b2");
        assertThat(a.route(BOB_NODE, signal(BOB_NODE, "{}")))
                .isEqualTo(new RouteOutcome.TargetOffline(BOB_NODE.value()));

        RecordingSignalEndpoint bob = new RecordingSignalEndpoint();
        b.connect(BOB, BOB_NODE, bob);
        // no waiting for a's replica: the database row is already there
        assertThat(a.route(BOB_NODE, signal(BOB_NODE, "{}"))).isEqualTo(new RouteOutcome.Delivered(BOB_NODE.value()));
        Await.until("frame at bob", WAIT, () -> bob.frames().size() == 1);
    }

    @Test
    void presenceAndSubscriptionsCrossInstances() {
        BusInstance a = instance("a3");
        BusInstance b = instance("b3");
        BusInstance c = instance("c3");
        RecordingSignalEndpoint watcher = new RecordingSignalEndpoint();
        a.connect(ALICE, ALICE_NODE, watcher);
        assertThat(a.presence.subscribe(watcher, List.of(BOB_NODE))).containsExactly(PresenceStatus.neverSeen(BOB_NODE));

        RecordingSignalEndpoint bobSocket = new RecordingSignalEndpoint();
        var key = b.connect(BOB, BOB_NODE, bobSocket);

        Await.until("watcher told bob is online", WAIT, () -> watcher.presenceChanges().size() == 1);
        assertThat(watcher.presenceChanges()).containsExactly(new PresenceChange(BOB_NODE, true));
        Await.until("c sees bob online", WAIT, () -> c.statusOf(BOB_NODE).equals(PresenceStatus.online(BOB_NODE)));
        assertThat(a.statusOf(ALICE_NODE).online()).isTrue();
        Await.until("c sees alice online", WAIT, () -> c.bus.isOnline(ALICE_NODE));

        b.signaling.disconnect(key, bobSocket);

        Await.until("watcher told bob is offline", WAIT, () -> watcher.presenceChanges().size() == 2);
        assertThat(watcher.presenceChanges().get(1)).isEqualTo(new PresenceChange(BOB_NODE, false));
        Await.until("c sees bob offline", WAIT, () -> !c.statusOf(BOB_NODE).online());
        PresenceStatus seen = c.statusOf(BOB_NODE);
        assertThat(seen.lastSeen()).isPresent();
    }

    @Test
    void closesReachEveryInstance() {
        BusInstance a = instance("a4");
        BusInstance b = instance("b4");
        RecordingSignalEndpoint bobOnB = new RecordingSignalEndpoint();
        RecordingSignalEndpoint aliceOnB = new RecordingSignalEndpoint();
        b.connect(BOB, BOB_NODE, bobOnB);
        b.connect(ALICE, ALICE_NODE, aliceOnB);

        assertThat(a.closer.closeUser(BOB, SocketClose.REVOKED)).isZero();
        Await.until("bob's socket on b closed", Duration.ofSeconds(1), () -> !bobOnB.closes().isEmpty());
        assertThat(bobOnB.closes()).containsExactly(SocketClose.REVOKED);

        a.closer.closeNode(ALICE_NODE, SocketClose.REVOKED);
        Await.until("alice's socket on b closed", Duration.ofSeconds(1), () -> !aliceOnB.closes().isEmpty());
    }

    @Test
    void aNewerSocketOnAnotherInstanceReplacesTheOlderOne() {
        BusInstance a = instance("a5");
        BusInstance b = instance("b5");
        RecordingSignalEndpoint older = new RecordingSignalEndpoint();
        RecordingSignalEndpoint newer = new RecordingSignalEndpoint();
        a.connect(BOB, BOB_NODE, older);

        b.connect(BOB, BOB_NODE, newer);

        Await.until("older socket replaced", WAIT, () -> !older.closes().isEmpty());
        assertThat(older.closes()).isNotEmpty().containsOnly(SocketClose.REPLACED);
        assertThat(newer.closes()).isEmpty();
        assertThat(count(a, "SELECT count(*) FROM node_presence WHERE instance_id = 'b5'")).isEqualTo(1);
    }

    @Test
    void anInstanceThatDiesWithoutAGoodbyeIsSweptAndItsNodesGoOffline() {
        BusInstance a = instance("a6");
        BusInstance b = instance("b6");
        RecordingSignalEndpoint watcher = new RecordingSignalEndpoint();
        a.connect(ALICE, ALICE_NODE, watcher);
        a.presence.subscribe(watcher, List.of(BOB_NODE));
        b.connect(BOB, BOB_NODE, new RecordingSignalEndpoint());
        Await.until("a sees bob", WAIT, () -> a.bus.isOnline(BOB_NODE));

        b.crash();

        Duration took = Await.until("bob offline on a", WAIT, () -> !a.bus.isOnline(BOB_NODE));
        assertThat(took).isLessThan(Duration.ofSeconds(6)); // timeout 2 s + a heartbeat, scaled down from 20 s + 5 s
        assertThat(watcher.presenceChanges()).endsWith(new PresenceChange(BOB_NODE, false));
        assertThat(a.statusOf(BOB_NODE).lastSeen()).isPresent();
        assertThat(count(a, "SELECT count(*) FROM hub_instances WHERE instance_id = 'b6'")).isZero();
        assertThat(a.route(BOB_NODE, signal(BOB_NODE, "{}"))).isEqualTo(new RouteOutcome.TargetOffline(BOB_NODE.value()));
    }

    @Test
    void aGracefulStopLeavesTheDirectoryClean() {
        BusInstance a = instance("a7");
        BusInstance b = instance("b7");
        b.connect(BOB, BOB_NODE, new RecordingSignalEndpoint());
        Await.until("a sees bob", WAIT, () -> a.bus.isOnline(BOB_NODE));

        b.close();
        instances.remove(b);

        assertThat(count(a, "SELECT count(*) FROM node_presence WHERE instance_id = 'b7'")).isZero();
        assertThat(count(a, "SELECT count(*) FROM hub_instances WHERE instance_id = 'b7'")).isZero();
        Await.until("a told bob left", WAIT, () -> !a.bus.isOnline(BOB_NODE));
    }

    @Test
    void aLargeFrameNobodyPicksUpIsSweptAndWasNeverReadable() {
        BusInstance a = instance("a8");
        BusInstance b = instance("b8");
        b.connect(BOB, BOB_NODE, new RecordingSignalEndpoint());
        Await.until("a sees bob", WAIT, () -> a.bus.isOnline(BOB_NODE));
        b.bus.abandon(); // b stops listening, its row stays until swept
        String large = signal(BOB_NODE, "{\"sdp\":\"" + "secret-marker ".repeat(5_000) + "\"}");

        assertThat(a.route(BOB_NODE, large)).isEqualTo(new RouteOutcome.Delivered(BOB_NODE.value()));
        byte[] sealed = a.database.jdbi().withHandle(h -> h.createQuery("SELECT sealed FROM signal_transit")
                .mapTo(byte[].class).one());
        assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("secret-marker");

        Await.until("transit row swept", WAIT, () -> count(a, "SELECT count(*) FROM signal_transit") == 0);
    }

    @Test
    void anUnreachableBusFailsCrossInstanceRelaysButNotLocalOnes() {
        BusInstance a = instance("a9");
        BusInstance b = instance("b9");
        RecordingSignalEndpoint alice = new RecordingSignalEndpoint();
        a.connect(ALICE, ALICE_NODE, alice);
        b.connect(BOB, BOB_NODE, new RecordingSignalEndpoint());
        Await.until("a sees bob", WAIT, () -> a.bus.isOnline(BOB_NODE));

        a.bus.abandon();

        assertThat(a.bus.problem()).isPresent();
        assertThat(a.route(BOB_NODE, signal(BOB_NODE, "{}"))).isEqualTo(new RouteOutcome.RelayFailed(BOB_NODE.value()));
        assertThat(a.route(ALICE_NODE, signal(ALICE_NODE, "{}")))
                .isEqualTo(new RouteOutcome.Delivered(ALICE_NODE.value()));
    }

    @Test
    void concurrentRelaysThatCannotBeHandedToPostgresEachAnswerRelayFailedAndRelaysRecover() throws Exception {
        BusInstance a = instance("a10");
        BusInstance b = instance("b10");
        RecordingSignalEndpoint bob = new RecordingSignalEndpoint();
        b.connect(BOB, BOB_NODE, bob);
        Await.until("a sees bob", WAIT, () -> a.bus.isOnline(BOB_NODE));
        String database = url.jdbcUrl().substring(url.jdbcUrl().lastIndexOf('/') + 1);
        java.util.Properties admin = new java.util.Properties();
        admin.setProperty("user", "postgres");
        admin.setProperty("ApplicationName", "bus-test-admin");
        ExecutorService callers = Executors.newFixedThreadPool(20);
        String server = url.jdbcUrl().substring(0, url.jdbcUrl().lastIndexOf('/') + 1) + "postgres";
        try (Connection c = DriverManager.getConnection(server, admin); Statement s = c.createStatement()) {
            // The listening connections stay up; every pooled connection dies and no new one is let in.
            s.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database
                    + "' AND application_name = 'dpc-hub'");

            List<Future<RouteOutcome>> relays = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String frame = signal(BOB_NODE, "{\"lost\":" + i + "}");
                relays.add(callers.submit(() -> a.route(BOB_NODE, frame)));
            }
            for (Future<RouteOutcome> relay : relays) {
                assertThat(relay.get(20, TimeUnit.SECONDS)).isEqualTo(new RouteOutcome.RelayFailed(BOB_NODE.value()));
            }
            assertThat(a.bus.problem()).isEmpty(); // the bus listens on: it is only the sending that fails

            s.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
        } finally {
            callers.shutdownNow();
        }
        String after = signal(BOB_NODE, "{\"after\":true}");
        Await.until("relays go through again", Duration.ofSeconds(20),
                () -> a.route(BOB_NODE, after).equals(new RouteOutcome.Delivered(BOB_NODE.value())));
        Await.until("bob gets the relay after recovery", WAIT, () -> bob.frames().contains(after));
        assertThat(bob.frames()).noneMatch(frame -> frame.contains("lost"));
    }

    private static long count(BusInstance instance, String sql) {
        return instance.database.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
