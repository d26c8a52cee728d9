package network.dpc.hub.bootstrap;

import static network.dpc.hub.bootstrap.HubCluster.json;
import static network.dpc.hub.bootstrap.HubCluster.wsUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import network.dpc.hub.adapter.http.signaling.WsClient;
import network.dpc.hub.adapter.persistence.Await;
import network.dpc.hub.adapter.persistence.EmbeddedPostgresServer;
import network.dpc.hub.adapter.persistence.TestDatabase;
import network.dpc.hub.adapter.persistence.bus.InstanceBusSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two and three assembled hubs on one real PostgreSQL: sockets on different instances signal each other, presence
 * and subscriptions cross instances, a logout on one closes the socket on another, a killed instance is cleaned
 * up, a stopped one drains, and PostgreSQL going away and coming back mid-traffic is survived.
 */
class MultiInstanceSystemTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Heartbeat every 250 ms, dead after 2 s: the production 5 s / 20 s scaled down so no test waits 30 s. */
    private static final InstanceBusSettings FAST = InstanceBusSettings.defaults()
            .withHeartbeat(Duration.ofMillis(250), Duration.ofSeconds(2))
            .withReconnectDelay(Duration.ofMillis(100));

    @TempDir
    Path dataDir;
    private HubCluster cluster;
    private EmbeddedPostgresServer ownServer;

    @AfterEach
    void stopAll() {
        if (cluster != null) {
            cluster.close();
        }
        if (ownServer != null) {
            ownServer.close();
        }
    }

    private HubCluster cluster() {
        cluster = new HubCluster(TestDatabase.newEmptyDatabase(), dataDir, FAST);
        return cluster;
    }

    /** Connects and returns the socket after its {@code auth_ok}, with the node id it speaks for. */
    private static Socket open(Hub hub, String token) {
        WsClient client = WsClient.connect(wsUrl(hub, token));
        JsonNode hello = client.next();
        assertThat(hello.get("type").asText()).isEqualTo("auth_ok");
        return new Socket(client, hello.get("node_id").asText());
    }

    private record Socket(WsClient client, String node) {
        void signal(String target, String payload, String id) {
            client.send("{\"type\":\"signal\",\"target_node_id\":\"" + target + "\",\"id\":\"" + id
                    + "\",\"payload\":" + payload + "}");
        }
    }

    @Test
    void socketsOnDifferentInstancesSignalEachOtherWithSmallAndLargeFrames() {
        HubCluster hubs = cluster();
        Hub a = hubs.start();
        Hub b = hubs.start();
        Socket alice = open(a, hubs.accessTokenOfNewUser("alice@example.org"));
        Socket bob = open(b, hubs.accessTokenOfNewUser("bob@example.org"));
        String sdp = "a=candidate:1 1 udp 2122260223 192.0.2.1 54321 typ host ".repeat(1_100); // ~60 KiB
        assertThat(sdp.length()).isBetween(59 * 1024, 62 * 1024);

        alice.signal(bob.node(), "{\"type\":\"offer\",\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0\"}}", "s1");
        alice.signal(bob.node(), "{\"type\":\"offer\",\"offer\":{\"type\":\"offer\",\"sdp\":\"" + sdp + "\"}}", "s2");

        assertThat(alice.client().next().get("id").asText()).isEqualTo("s1");
        assertThat(alice.client().next().get("id").asText()).isEqualTo("s2");
        JsonNode small = bob.client().next();
        assertThat(small.get("sender_node_id").asText()).isEqualTo(alice.node());
        assertThat(small.get("payload").get("offer").get("sdp").asText()).isEqualTo("v=0");
        JsonNode large = bob.client().next();
        assertThat(large.get("sender_node_id").asText()).isEqualTo(alice.node());
        assertThat(large.get("payload").get("offer").get("sdp").asText()).isEqualTo(sdp);

        bob.signal(alice.node(), "{\"type\":\"answer\",\"answer\":{\"type\":\"answer\",\"sdp\":\"v=0\"}}", "r1");
        assertThat(bob.client().next().get("type").asText()).isEqualTo("relayed");
        assertThat(alice.client().next().get("sender_node_id").asText()).isEqualTo(bob.node());
        assertThat(hubs.count("SELECT count(*) FROM signal_transit")).isZero();
    }

    @Test
    void aSocketTicketFromOneInstanceOpensOneSocketOnAnotherAndNoMore() throws Exception {
        HubCluster hubs = cluster();
        Hub a = hubs.start();
        Hub b = hubs.start();
        String token = hubs.accessTokenOfNewUser("alice@example.org");
        var issued = hubs.post(a, "/ws/ticket", "", token);
        assertThat(issued.statusCode()).isEqualTo(200);
        String ticket = json(issued).get("ticket").asText();
        assertThat(json(issued).get("expires_in").asInt()).isEqualTo(30);
        assertThat(ticket).doesNotContain(token);

        WsClient onB = WsClient.connect("ws://127.0.0.1:" + b.port() + "/ws/signal?ticket=" + ticket);
        assertThat(onB.next().get("type").asText()).isEqualTo("auth_ok");

        assertThat(upgradeStatus(b, "ticket=" + ticket)).as("again on the instance that took it").isEqualTo(401);
        assertThat(upgradeStatus(a, "ticket=" + ticket)).as("again on the instance that issued it").isEqualTo(401);
        assertThat(hubs.count("SELECT count(*) FROM redeemed_socket_tickets")).isEqualTo(1);
        onB.closeNormally();
    }

    /** The HTTP status with which {@code hub} refuses a socket upgrade with {@code query}, or 101 if it accepts. */
    private static int upgradeStatus(Hub hub, String query) throws Exception {
        try {
            java.net.http.HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(java.net.URI.create("ws://127.0.0.1:" + hub.port() + "/ws/signal?" + query),
                            new java.net.http.WebSocket.Listener() { })
                    .get(10, java.util.concurrent.TimeUnit.SECONDS).abort();
            return 101;
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof java.net.http.WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    @Test
    void presenceAndSubscriptionsCrossThreeInstances() {
        HubCluster hubs = cluster();
        Hub a = hubs.start();
        Hub b = hubs.start();
        Hub c = hubs.start();
        String carolToken = hubs.accessTokenOfNewUser("carol@example.org");
        String bobToken = hubs.accessTokenOfNewUser("bob@example.org");
        Socket carol = open(c, carolToken);
        Socket probe = open(b, bobToken); // learn bob's node id, then leave
        String bobNode = probe.node();
        probe.client().closeNormally();
        Await.until("bob offline on c", WAIT, () -> !json(hubs.get(c, "/presence/" + bobNode, carolToken))
                .get("online").asBoolean());

        carol.client().send("{\"type\":\"presence_subscribe\",\"node_ids\":[\"" + bobNode + "\"]}");
        JsonNode initial = carol.client().next();
        assertThat(initial.get("type").asText()).isEqualTo("presence");
        assertThat(initial.get("online").asBoolean()).isFalse();

        Socket bob = open(b, bobToken);
        JsonNode online = carol.client().next();
        assertThat(online.get("node_id").asText()).isEqualTo(bobNode);
        assertThat(online.get("online").asBoolean()).isTrue();
        Await.until("a knows bob is online", WAIT, () -> json(hubs.get(a, "/presence/" + bobNode, carolToken))
                .get("online").asBoolean());
        JsonNode queried = json(hubs.post(a, "/presence/query", "{\"node_ids\":[\"" + bobNode + "\",\"" + carol.node()
                + "\"]}", carolToken));
        assertThat(queried.toString()).contains("\"online\":true");
        assertThat(queried.findValues("online")).allSatisfy(v -> assertThat(v.asBoolean()).isTrue());

        bob.client().closeNormally();
        JsonNode offline = carol.client().next();
        assertThat(offline.get("online").asBoolean()).isFalse();
        Await.until("a knows bob is offline", WAIT, () -> !json(hubs.get(a, "/presence/" + bobNode, carolToken))
                .get("online").asBoolean());
        JsonNode onA = json(hubs.get(a, "/presence/" + bobNode, carolToken));
        assertThat(onA.get("last_seen").isNull()).isFalse();
    }

    @Test
    void logoutOnOneInstanceClosesTheSocketOnAnotherWithinASecond() {
        HubCluster hubs = cluster();
        Hub a = hubs.start();
        Hub b = hubs.start();
        String token = hubs.accessTokenOfNewUser("dora@example.org");
        Socket dora = open(b, token);

        assertThat(hubs.post(a, "/logout", "", token).statusCode()).isEqualTo(200);

        assertThat(dora.client().awaitClose(Duration.ofSeconds(1)).code()).isEqualTo(4401);
        assertThat(hubs.get(b, "/users/me", token).statusCode()).isEqualTo(401);
    }

    @Test
    void anInstanceKilledWithoutGoodbyeHasItsNodesOfflineWithinTheTimeout() {
        HubCluster hubs = cluster();
        Hub a = hubs.start();
        Hub b = hubs.start();
        String aliceToken = hubs.accessTokenOfNewUser("alice@example.org");
        Socket alice = open(a, aliceToken);
        Socket bob = open(b, hubs.accessTokenOfNewUser("bob@example.org"));
        Await.until("a knows bob is online", WAIT, () -> json(hubs.get(a, "/presence/" + bob.node(), aliceToken))
                .get("online").asBoolean());
        alice.client().send("{\"type\":\"presence_subscribe\",\"node_ids\":[\"" + bob.node() + "\"]}");
        assertThat(alice.client().next().get("online").asBoolean()).isTrue();

        b.crash();
        hubs.forget(b);

        Duration took = Await.until("bob offline on a", WAIT, () -> !json(hubs.get(a, "/presence/" + bob.node(),
                aliceToken)).get("online").asBoolean());
        assertThat(took).as("timeout 2 s + one heartbeat, scaled from 20 s + 5 s").isLessThan(Duration.ofSeconds(6));
        JsonNode told = alice.client().next();
        assertThat(told.get("node_id").asText()).isEqualTo(bob.node());
        assertThat(told.get("online").asBoolean()).isFalse();
        alice.signal(bob.node(), "{}", "k1");
        assertThat(alice.client().next().get("code").asText()).isEqualTo("target_offline");
        assertThat(hubs.count("SELECT count(*) FROM node_presence WHERE instance_id IS NOT NULL")).isEqualTo(1);
    }

    @Test
    void aStoppedInstanceTellsItsClientsToReconnectAndLeavesTheDirectoryClean() {
        HubCluster hubs = cluster();
        Hub a = hubs.start();
        Hub b = hubs.start();
        String aliceToken = hubs.accessTokenOfNewUser("alice@example.org");
        open(a, aliceToken);
        Socket bob = open(b, hubs.accessTokenOfNewUser("bob@example.org"));

        b.stop();
        hubs.forget(b);

        assertThat(bob.client().awaitClose().code()).isEqualTo(1001);
        assertThat(hubs.count("SELECT count(*) FROM node_presence WHERE instance_id IS NOT NULL")).isEqualTo(1);
        assertThat(hubs.count("SELECT count(*) FROM hub_instances")).isEqualTo(1);
        Await.until("bob offline on a", Duration.ofSeconds(1), () -> !json(hubs.get(a, "/presence/" + bob.node(),
                aliceToken)).get("online").asBoolean());
    }

    @Test
    void postgresStoppedAndRestartedMidTrafficIsSurvived() {
        ownServer = EmbeddedPostgresServer.start(dataDir.resolve("own-pg"), false);
        cluster = new HubCluster(ownServer.databaseUrl(), dataDir, FAST);
        Hub a = cluster.start();
        Hub b = cluster.start();
        Socket alice = open(a, cluster.accessTokenOfNewUser("alice@example.org"));
        Socket carol = open(a, cluster.accessTokenOfNewUser("carol@example.org"));
        Socket bob = open(b, cluster.accessTokenOfNewUser("bob@example.org"));
        alice.signal(bob.node(), "{\"n\":0}", "before");
        assertThat(alice.client().next().get("type").asText()).isEqualTo("relayed");
        assertThat(bob.client().next().get("payload").get("n").asInt()).isZero();

        ownServer.stop();

        Await.until("a not ready", WAIT, () -> cluster.get(a, "/health/ready", null).statusCode() == 503);
        Await.until("b not ready", WAIT, () -> cluster.get(b, "/health/ready", null).statusCode() == 503);
        assertThat(cluster.get(a, "/health/live", null).statusCode()).isEqualTo(200);
        alice.signal(bob.node(), "{\"n\":1}", "during");
        JsonNode failed = alice.client().next();
        assertThat(failed.get("code").asText()).isEqualTo("relay_failed");
        assertThat(failed.get("id").asText()).isEqualTo("during");
        alice.signal(carol.node(), "{\"n\":2}", "local");
        assertThat(alice.client().next().get("type").asText()).isEqualTo("relayed");
        assertThat(carol.client().next().get("payload").get("n").asInt()).isEqualTo(2);

        ownServer.restart();

        Await.until("a ready again", WAIT, () -> cluster.get(a, "/health/ready", null).statusCode() == 200);
        Await.until("b ready again", WAIT, () -> cluster.get(b, "/health/ready", null).statusCode() == 200);
        alice.signal(bob.node(), "{\"n\":3}", "after");
        assertThat(alice.client().next().get("type").asText()).isEqualTo("relayed");
        JsonNode arrived = bob.client().next();
        assertThat(arrived.get("payload").get("n").asInt()).as("nothing from the outage arrives late").isEqualTo(3);
    }
}
