package network.dpc.hub.adapter.http.signaling;

import static network.dpc.hub.adapter.http.signaling.TestSignalingHub.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import network.dpc.hub.application.port.out.SignalDelivery;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.signaling.RouteOutcome;
import org.junit.jupiter.api.Test;

/**
 * Messages are handled on the thread that read them, except what may wait for the database: a relay to a node on
 * another instance and a presence subscription run elsewhere, hold up no other socket, and their socket's next
 * messages are handled after them, in order.
 */
class SignalingWaitingWorkTest {

    private static final SignalingSettings SETTINGS = SignalingSettings.defaults(TestSignalingHub.VERSION, Set.of());
    /** A node "on another instance": reaching it waits until the test opens the gate. */
    private static final NodeId ELSEWHERE = new NodeId("dpc-node-e1e1e1e1e1e1e1e1");

    private static String signal(int id, NodeId target) {
        return "{\"type\":\"signal\",\"id\":" + id + ",\"target_node_id\":\"" + target
                + "\",\"payload\":{\"type\":\"ice-candidate\",\"n\":" + id + "}}";
    }

    /**
     * Delivers to this process's sockets at once, and to {@link #ELSEWHERE} only once {@code gate} is open, noting
     * the thread that waits for it.
     */
    private static SignalDelivery gatedElsewhere(SignalDelivery local, CountDownLatch gate, List<Thread> waiters) {
        return new SignalDelivery() {
            @Override
            public RouteOutcome deliver(NodeId target, String frame) {
                if (!target.equals(ELSEWHERE)) {
                    return local.deliver(target, frame);
                }
                waiters.add(Thread.currentThread());
                try {
                    return gate.await(WsClient.WAIT.toMillis(), TimeUnit.MILLISECONDS)
                            ? new RouteOutcome.Delivered(target.value()) : new RouteOutcome.RelayFailed(target.value());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new RouteOutcome.RelayFailed(target.value());
                }
            }

            @Override
            public Optional<RouteOutcome> deliverWithoutWaiting(NodeId target, String frame) {
                return target.equals(ELSEWHERE) ? Optional.empty() : local.deliverWithoutWaiting(target, frame);
            }
        };
    }

    @Test
    void aRelayThatWaitsRunsOnAThreadOfItsOwnHoldsUpNoOtherSocketAndItsSocketsNextSignalFollowsIt() {
        CountDownLatch gate = new CountDownLatch(1);
        List<Thread> waiters = new CopyOnWriteArrayList<>();
        try (TestSignalingHub hub = new TestSignalingHub(SETTINGS, local -> gatedElsewhere(local, gate, waiters))) {
            TestSignalingHub.User alice = hub.user(new NodeId("dpc-node-a1a1a1a1a1a1a1a1"));
            TestSignalingHub.User bob = hub.user(new NodeId("dpc-node-b2b2b2b2b2b2b2b2"));
            TestSignalingHub.User carol = hub.user(new NodeId("dpc-node-c3c3c3c3c3c3c3c3"));
            TestSignalingHub.User dave = hub.user(new NodeId("dpc-node-d4d4d4d4d4d4d4d4"));
            WsClient aliceSocket = hub.connect(alice);
            WsClient bobSocket = hub.connect(bob);
            WsClient carolSocket = hub.connect(carol);
            WsClient daveSocket = hub.connect(dave);

            aliceSocket.send(signal(1, ELSEWHERE));
            aliceSocket.send(signal(2, bob.node()));
            carolSocket.send(signal(3, dave.node()));

            JsonNode atDave = daveSocket.next();
            assertThat(atDave.get("sender_node_id").asText()).isEqualTo(carol.node().value());
            assertThat(carolSocket.next().get("id").asInt()).isEqualTo(3);
            assertThat(bobSocket.pollTextQuietly()).as("alice's second signal waits for her first").isNull();
            assertThat(aliceSocket.pollTextQuietly()).isNull();
            eventually(() -> !waiters.isEmpty(), "the relay to elsewhere is waiting");
            assertThat(waiters).singleElement().satisfies(waiter -> {
                assertThat(waiter.isVirtual()).isTrue();
                assertThat(waiter.getName()).as("not a selector of Jetty's").startsWith("signaling-");
            });

            gate.countDown();

            JsonNode first = aliceSocket.next();
            assertThat(first.get("type").asText()).isEqualTo("relayed");
            assertThat(first.get("id").asInt()).isEqualTo(1);
            assertThat(aliceSocket.next().get("id").asInt()).isEqualTo(2);
            JsonNode atBob = bobSocket.next();
            assertThat(atBob.get("sender_node_id").asText()).isEqualTo(alice.node().value());
            assertThat(atBob.get("payload").get("n").asInt()).isEqualTo(2);
        }
    }

    @Test
    void aPresenceSubscriptionIsAnsweredBeforeTheMessagesSentAfterIt() {
        try (TestSignalingHub hub = new TestSignalingHub()) {
            TestSignalingHub.User alice = hub.user(new NodeId("dpc-node-a5a5a5a5a5a5a5a5"));
            TestSignalingHub.User bob = hub.user(new NodeId("dpc-node-b6b6b6b6b6b6b6b6"));
            WsClient aliceSocket = hub.connect(alice);
            hub.connect(bob);

            for (int round = 0; round < 20; round++) {
                hub.clock.advance(Duration.ofSeconds(1)); // keeps the socket within its message allowance
                aliceSocket.send("{\"type\":\"presence_subscribe\",\"node_ids\":[\"" + bob.node() + "\"]}");
                aliceSocket.send("{\"type\":\"ping\",\"timestamp\":" + round + "}");

                JsonNode presence = aliceSocket.next();
                assertThat(presence.get("type").asText()).isEqualTo("presence");
                assertThat(presence.get("online").asBoolean()).isTrue();
                JsonNode pong = aliceSocket.next();
                assertThat(pong.get("type").asText()).isEqualTo("pong");
                assertThat(pong.get("timestamp").asInt()).isEqualTo(round);
            }
        }
    }

    @Test
    void waitingWorkThatFailsIsAnsweredWithAnErrorAndTheSocketReadsOn() {
        SignalDelivery failing = new SignalDelivery() {
            @Override
            public RouteOutcome deliver(NodeId target, String frame) {
                throw new IllegalStateException("the instance bus is down");
            }
        };
        try (TestSignalingHub hub = new TestSignalingHub(SETTINGS, local -> failing)) {
            WsClient aliceSocket = hub.connect(hub.user(new NodeId("dpc-node-a7a7a7a7a7a7a7a7")));

            aliceSocket.send(signal(7, ELSEWHERE));
            aliceSocket.send("{\"type\":\"ping\",\"timestamp\":8}");

            JsonNode error = aliceSocket.next();
            assertThat(error.get("type").asText()).isEqualTo("error");
            assertThat(error.get("code").asText()).isEqualTo("processing_error");
            assertThat(error.get("id").asInt()).isEqualTo(7);
            assertThat(aliceSocket.next().get("type").asText()).isEqualTo("pong");
        }
    }

    /**
     * While a message's work waits, the socket reads nothing, so only the hub closes it: here a newer socket of the
     * node replaces it, and the close grace cuts it since its close reply is not read.
     */
    @Test
    void aSocketClosedWhileItsSubscriptionWaitsIsForgottenOnlyAfterItSoNoSubscriptionOutlivesIt()
            throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        SignalingSettings settings = SETTINGS.withCloseGrace(Duration.ofMillis(100));
        try (TestSignalingHub hub = new TestSignalingHub(settings, UnaryOperator.identity(),
                real -> (subscriber, nodes) -> {
                    entered.countDown();
                    try {
                        gate.await(WsClient.WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return real.subscribe(subscriber, nodes);
                })) {
            TestSignalingHub.User alice = hub.user(new NodeId("dpc-node-a8a8a8a8a8a8a8a8"));
            TestSignalingHub.User bob = hub.user(new NodeId("dpc-node-b8b8b8b8b8b8b8b8"));
            WsClient older = hub.connect(alice);
            hub.connect(bob);

            older.send("{\"type\":\"presence_subscribe\",\"node_ids\":[\"" + bob.node() + "\"]}");
            assertThat(entered.await(WsClient.WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            hub.connect(alice); // replaces the older socket, which the hub closes
            assertThat(older.awaitClose().code()).isEqualTo(4409);
            eventually(() -> !hub.closeCodes.isEmpty(), "the close grace cut the older socket");
            assertThat(hub.socket.openConnections()).as("not forgotten while its subscription waits").isEqualTo(3);

            gate.countDown();

            eventually(() -> hub.socket.openConnections() == 2, "the older socket is forgotten");
            assertThat(hub.watchers.watchersOf(bob.node())).as("the closed socket's subscription").isEmpty();
        }
    }

}
