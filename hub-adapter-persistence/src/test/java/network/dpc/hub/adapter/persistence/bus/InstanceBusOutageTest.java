package network.dpc.hub.adapter.persistence.bus;

import network.dpc.hub.adapter.persistence.Await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import network.dpc.hub.adapter.persistence.EmbeddedPostgresServer;
import network.dpc.hub.application.fake.RecordingSignalEndpoint;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.signaling.RouteOutcome;
import network.dpc.hub.domain.signaling.SessionKey;
import network.dpc.hub.domain.user.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stopped and started again under two instances, on a server of its own (so no other test's database
 * goes down): readiness, failures while it is down, and recovery without anyone's help.
 */
class InstanceBusOutageTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final InstanceBusSettings FAST = InstanceBusSettings.defaults()
            .withHeartbeat(Duration.ofMillis(200), Duration.ofSeconds(2))
            .withReconnectDelay(Duration.ofMillis(100));
    private static final NodeId ALICE_NODE = new NodeId("dpc-node-aaaaaaaaaaaaaaaa");
    private static final NodeId BOB_NODE = new NodeId("dpc-node-bbbbbbbbbbbbbbbb");
    private static final NodeId CAROL_NODE = new NodeId("dpc-node-cccccccccccccccc");
    private static final NodeId DAVE_NODE = new NodeId("dpc-node-dddddddddddddddd");

    @TempDir
    Path dir;
    private EmbeddedPostgresServer server;
    private BusInstance a;
    private BusInstance b;

    @BeforeEach
    void start() {
        server = EmbeddedPostgresServer.start(dir.resolve("pg"), false);
        a = new BusInstance(server.databaseUrl(), "outage_a", FAST);
        b = new BusInstance(server.databaseUrl(), "outage_b", FAST);
    }

    @AfterEach
    void stop() {
        b.close();
        a.close();
        server.close();
    }

    @Test
    void crossInstanceRelaysFailWhileTheDatabaseIsDownAndEverythingRecoversByItself() {
        RecordingSignalEndpoint alice = new RecordingSignalEndpoint();
        RecordingSignalEndpoint bob = new RecordingSignalEndpoint();
        RecordingSignalEndpoint dave = new RecordingSignalEndpoint();
        a.connect(UserId.random(), ALICE_NODE, alice);
        b.connect(UserId.random(), BOB_NODE, bob);
        SessionKey daveKey = b.connect(UserId.random(), DAVE_NODE, dave);
        Await.until("a sees bob and dave", WAIT, () -> a.bus.isOnline(BOB_NODE) && a.bus.isOnline(DAVE_NODE));

        server.stop();

        Await.until("a's bus reports the outage", WAIT, () -> a.bus.problem().isPresent());
        Await.until("b's bus reports the outage", WAIT, () -> b.bus.problem().isPresent());
        assertThat(a.route(BOB_NODE, "{\"n\":1}")).isEqualTo(new RouteOutcome.RelayFailed(BOB_NODE.value()));
        assertThat(a.route(ALICE_NODE, "{\"n\":2}")).isEqualTo(new RouteOutcome.Delivered(ALICE_NODE.value()));
        assertThat(alice.frames()).containsExactly("{\"n\":2}");
        b.connect(UserId.random(), CAROL_NODE, new RecordingSignalEndpoint()); // connects during the outage
        b.signaling.disconnect(daveKey, dave); // leaves during the outage

        server.restart();

        Await.until("both buses back", WAIT, () -> a.bus.problem().isEmpty() && b.bus.problem().isEmpty());
        Await.until("a learns of carol, who came during the outage", WAIT, () -> a.bus.isOnline(CAROL_NODE));
        Await.until("a learns dave left during the outage", WAIT, () -> !a.bus.isOnline(DAVE_NODE));
        assertThat(a.bus.isOnline(BOB_NODE)).isTrue();
        assertThat(a.route(BOB_NODE, "{\"n\":3}")).isEqualTo(new RouteOutcome.Delivered(BOB_NODE.value()));
        Await.until("bob gets the relay after recovery", WAIT, () -> bob.frames().contains("{\"n\":3}"));
        assertThat(bob.frames()).doesNotContain("{\"n\":1}");
    }
}
