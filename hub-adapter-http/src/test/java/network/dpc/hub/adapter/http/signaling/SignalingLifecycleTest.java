package network.dpc.hub.adapter.http.signaling;

import static network.dpc.hub.adapter.http.signaling.TestSignalingHub.eventually;
import static network.dpc.hub.adapter.http.signaling.TestSignalingHub.query;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.signaling.SocketClose;
import org.junit.jupiter.api.Test;

/** Replacement, revocation, shutdown, liveness, slow readers and vanished clients. */
class SignalingLifecycleTest {


    @Test
    void aNewerSocketForTheNodeReplacesTheOlderWhichClosesWith4409WithoutUnregisteringTheNewer() throws Exception {
        try (TestSignalingHub hub = new TestSignalingHub()) {
            NodeId node = new NodeId("dpc-node-1111111111111111");
            TestSignalingHub.User alice = hub.user(node);
            TestSignalingHub.User bob = hub.user(new NodeId("dpc-node-2222222222222222"));
            WsClient older = hub.connect(alice);
            WsClient bobSocket = hub.connect(bob);

            WsClient newer = hub.connect(alice);

            assertThat(older.awaitClose()).isEqualTo(new WsClient.Close(4409, "replaced by a newer connection"));
            eventually(() -> hub.socket.openConnections() == 2, "the older socket is gone");
            bobSocket.send("{\"type\":\"signal\",\"id\":1,\"target_node_id\":\"" + node + "\",\"payload\":{}}");
            assertThat(newer.next().get("sender_node_id").asText()).isEqualTo(bob.node().value());
            assertThat(bobSocket.next().get("type").asText()).isEqualTo("relayed");
            assertThat(hub.directory.statusOf(node).online()).isTrue();
            newer.closeNormally();
            bobSocket.closeNormally();
        }
    }

    @Test
    void revocationClosesTheUsersSocketsWith4401AndOnlyThose() {
        try (TestSignalingHub hub = new TestSignalingHub()) {
            NodeId laptop = new NodeId("dpc-node-3333333333333333");
            NodeId phone = new NodeId("dpc-node-4444444444444444");
            TestSignalingHub.User alice = hub.user(laptop, phone);
            TestSignalingHub.User bob = hub.user(new NodeId("dpc-node-5555555555555555"));
            WsClient aliceLaptop = hub.connect(alice);
            WsClient alicePhone = WsClient.connect(hub.wsUrl(query(alice) + "&node_id=" + phone));
            alicePhone.next();
            WsClient bobSocket = hub.connect(bob);

            assertThat(hub.signaling.closeUser(alice.id(), SocketClose.REVOKED)).isEqualTo(2);

            assertThat(aliceLaptop.awaitClose().code()).isEqualTo(4401);
            assertThat(alicePhone.awaitClose().code()).isEqualTo(4401);
            bobSocket.send("{\"type\":\"ping\"}");
            assertThat(bobSocket.next().get("type").asText()).isEqualTo("pong");

            assertThat(hub.signaling.closeNode(bob.node(), SocketClose.REVOKED)).isEqualTo(1);
            assertThat(bobSocket.awaitClose().code()).isEqualTo(4401);
        }
    }

    @Test
    void shutdownClosesEverySocketWith1001ForgetsThemBeforeReturningAndRefusesNewOnes() {
        try (TestSignalingHub hub = new TestSignalingHub()) {
            TestSignalingHub.User alice = hub.user(new NodeId("dpc-node-6666666666666666"));
            TestSignalingHub.User bob = hub.user();
            WsClient first = hub.connect(alice);
            WsClient second = hub.connect(bob);

            hub.socket.shutdown();

            assertThat(hub.socket.openConnections()).as("forgotten before shutdown() returns").isZero();
            assertThat(hub.directory.statusOf(alice.node()).online()).isFalse();

            assertThat(first.awaitClose()).isEqualTo(new WsClient.Close(1001, "Server shutting down"));
            assertThat(second.awaitClose()).isEqualTo(new WsClient.Close(1001, "Server shutting down"));
            try (RawUpgrade refused = RawUpgrade.open(hub.port, JavalinSignalingSocket.PATH + "?" + query(alice),
                    Map.of())) {
                assertThat(refused.status).isEqualTo(503);
            }
        }
    }

    /** docs/protocol.md's 1007 and 1002 rows on a real socket: the offending client is closed, the others stay. */
    @Test
    void textThatIsNotUtf8ClosesWith1007AndAFrameOutOfOrderWith1002WhileOthersKeepTheirSockets() throws Exception {
        try (TestSignalingHub hub = new TestSignalingHub()) {
            TestSignalingHub.User alice = hub.user(new NodeId("dpc-node-aaaa111111111111"));
            TestSignalingHub.User mangler = hub.user(new NodeId("dpc-node-aaaa222222222222"));
            TestSignalingHub.User stray = hub.user(new NodeId("dpc-node-aaaa333333333333"));
            WsClient bystander = hub.connect(alice);

            try (RawUpgrade bad = RawUpgrade.open(hub.port, JavalinSignalingSocket.PATH + "?" + query(mangler),
                    Map.of())) {
                assertThat(bad.status).isEqualTo(101);
                bad.sendFrame(0x1, true, new byte[] {'{', '"', (byte) 0xC3, '(', '"', '}'});
                assertThat(bad.awaitCloseCode()).isEqualTo(1007);
            }
            try (RawUpgrade bad = RawUpgrade.open(hub.port, JavalinSignalingSocket.PATH + "?" + query(stray),
                    Map.of())) {
                assertThat(bad.status).isEqualTo(101);
                bad.sendFrame(0x0, true, "{}".getBytes(StandardCharsets.UTF_8)); // a continuation of nothing
                assertThat(bad.awaitCloseCode()).isEqualTo(1002);
            }

            eventually(() -> hub.socket.openConnections() == 1, "only the bystander is left");
            bystander.send("{\"type\":\"ping\"}");
            assertThat(bystander.next().get("type").asText()).isEqualTo("pong");
            bystander.closeNormally();
        }
    }

    @Test
    void theHubPingsAndAClientThatAnswersStaysWhileASilentOneIsClosed() throws Exception {
        SignalingSettings quick = SignalingSettings.defaults("1", Set.of())
                .withLiveness(Duration.ofMillis(100), Duration.ofMillis(1000))
                .withCloseGrace(Duration.ofMillis(300));
        try (TestSignalingHub hub = new TestSignalingHub(quick)) {
            TestSignalingHub.User alice = hub.user(new NodeId("dpc-node-7777777777777777"));
            TestSignalingHub.User silent = hub.user(new NodeId("dpc-node-8888888888888888"));
            WsClient answering = hub.connect(alice); // the JDK client answers protocol pings with pongs
            RawUpgrade mute = RawUpgrade.open(hub.port, JavalinSignalingSocket.PATH + "?" + query(silent), Map.of());
            assertThat(mute.status).isEqualTo(101);

            assertThat(mute.awaitServerClose()).as("the silent client is closed").isTrue();
            eventually(() -> hub.socket.openConnections() == 1, "only the answering client is left");
            assertThat(answering.pollText(Duration.ofMillis(2500))).isNull(); // 2.5 silence timeouts pass, it answers pings
            assertThat(answering.isClosed()).isFalse();
            answering.send("{\"type\":\"ping\"}");
            assertThat(answering.next().get("type").asText()).isEqualTo("pong");
            mute.close();
            answering.closeNormally();
        }
    }

    @Test
    void aReaderThatNeverReadsIsClosedWith1008AndTheSenderIsToldTheRelayFailed() throws Exception {
        // 32 frames or 256 KiB queued at most: the hub's memory for a reader that never reads stays bounded.
        SignalingSettings small = SignalingSettings.defaults("1", Set.of()).withOutboundLimits(32, 256 * 1024);
        try (TestSignalingHub hub = new TestSignalingHub(small)) {
            TestSignalingHub.User sender = hub.user(new NodeId("dpc-node-9999999999999999"));
            NodeId slowNode = new NodeId("dpc-node-aaaaaaaaaaaaaaaa");
            TestSignalingHub.User slow = hub.user(slowNode);
            WsClient senderSocket = hub.connect(sender);
            WsClient reader = WsClient.connect(hub.wsUrl(query(slow)), Map.of(), false);
            assertThat(reader.next().get("type").asText()).isEqualTo("auth_ok"); // and never reads again

            String signal = "{\"type\":\"signal\",\"target_node_id\":\"" + slowNode + "\",\"payload\":\""
                    + "z".repeat(60 * 1024) + "\"}";
            String lastError = null;
            for (int sent = 0; sent < 2_000 && lastError == null; sent++) {
                hub.clock.advance(Duration.ofSeconds(1)); // keep the sender within its rate
                senderSocket.send(signal);
                String reply = senderSocket.pollText(Duration.ofMillis(5));
                if (reply != null) {
                    lastError = reply;
                }
            }
            assertThat(lastError).as("the sender hears of the failed relay").contains("\"code\":\"relay_failed\"");

            reader.resumeReading(); // within the close grace: the queued frames drain, then the close frame
            assertThat(reader.awaitClose()).isEqualTo(new WsClient.Close(1008, "outbound queue full"));
            eventually(() -> hub.sessions.socketOf(slowNode).isEmpty(), "the slow reader is unregistered");
            eventually(() -> hub.socket.openConnections() == 1, "the slow reader's socket is gone");
            senderSocket.send("{\"type\":\"signal\",\"target_node_id\":\"" + slowNode + "\",\"payload\":{}}");
            JsonNode offline = senderSocket.next();
            while (!offline.get("code").asText().equals("target_offline")) {
                offline = senderSocket.next(); // errors of signals still in flight when the reader went away
            }
            senderSocket.closeNormally();
        }
    }

    @Test
    void hundredsOfClientsVanishingWithoutACloseFrameLeaveNothingBehind() throws Exception {
        try (TestSignalingHub hub = new TestSignalingHub()) {
            TestSignalingHub.User watcher = hub.user(new NodeId("dpc-node-bbbbbbbbbbbbbbbb"));
            WsClient survivor = hub.connect(watcher);
            List<RawUpgrade> vanishing = new ArrayList<>();
            StringBuilder watched = new StringBuilder();
            for (int i = 0; i < 300; i++) {
                NodeId node = new NodeId("dpc-node-%016x".formatted(0xc000 + i));
                watched.append(i == 0 ? "" : ",").append('"').append(node).append('"');
                RawUpgrade client = RawUpgrade.open(hub.port,
                        JavalinSignalingSocket.PATH + "?" + query(hub.user(node)), Map.of());
                assertThat(client.status).isEqualTo(101);
                vanishing.add(client);
            }
            eventually(() -> hub.sessions.size() == 301, "all registered");
            survivor.send("{\"type\":\"presence_subscribe\",\"node_ids\":[" + watched + "]}");
            for (int i = 0; i < 300; i++) {
                assertThat(survivor.next().get("online").asBoolean()).isTrue();
            }
            assertThat(hub.socket.openConnections()).isEqualTo(301);

            for (int i = 0; i < vanishing.size(); i++) {
                if (i % 2 == 0) {
                    vanishing.get(i).socket.setSoLinger(true, 0); // a reset
                }
                vanishing.get(i).close(); // no close frame either way
            }

            eventually(() -> hub.socket.openConnections() == 1, "every vanished socket is forgotten");
            assertThat(hub.sessions.size()).isEqualTo(1);
            for (int i = 0; i < 300; i++) {
                assertThat(survivor.next().get("online").asBoolean()).isFalse();
            }
            survivor.send("{\"type\":\"ping\"}");
            assertThat(survivor.next().get("type").asText()).isEqualTo("pong");
            survivor.closeNormally();
            eventually(() -> hub.socket.openConnections() == 0, "the gauge returns to zero");
            assertThat(hub.watchers.isEmpty()).isTrue();
        }
    }

    @Test
    void concurrentSendersToOneTargetAllArriveIntact() throws Exception {
        try (TestSignalingHub hub = new TestSignalingHub()) {
            NodeId targetNode = new NodeId("dpc-node-abababababababab");
            WsClient target = hub.connect(hub.user(targetNode));
            List<WsClient> senders = new ArrayList<>();
            for (int s = 0; s < 6; s++) {
                senders.add(hub.connect(hub.user(new NodeId("dpc-node-%016x".formatted(0xe000 + s)))));
            }
            List<Thread> threads = new ArrayList<>();
            for (int s = 0; s < senders.size(); s++) {
                WsClient sender = senders.get(s);
                int senderIndex = s;
                threads.add(Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < 100; i++) {
                        sender.send("{\"type\":\"signal\",\"target_node_id\":\"" + targetNode
                                + "\",\"payload\":{\"n\":" + (senderIndex * 1000 + i) + ",\"pad\":\"" + "p".repeat(2000) + "\"}}");
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join(WsClient.WAIT.toMillis());
            }

            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (int i = 0; i < 600; i++) {
                JsonNode frame = target.next();
                assertThat(frame.get("payload").get("pad").asText()).hasSize(2000);
                seen.add(frame.get("payload").get("n").asInt());
            }
            assertThat(seen).hasSize(600);
            target.closeNormally();
            senders.forEach(WsClient::closeNormally);
        }
    }
}
