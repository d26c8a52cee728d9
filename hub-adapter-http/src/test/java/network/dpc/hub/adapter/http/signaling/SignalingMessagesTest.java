package network.dpc.hub.adapter.http.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import network.dpc.hub.domain.node.NodeId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** §6 "Client → hub" and "Hub → client errors": every message type and every error code, over a real socket. */
class SignalingMessagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final NodeId ALICE = new NodeId("dpc-node-a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1");
    private static final NodeId BOB = new NodeId("dpc-node-b2b2b2b2b2b2b2b2");
    private static TestSignalingHub hub;
    private static TestSignalingHub.User alice;
    private static TestSignalingHub.User bob;

    private WsClient aliceSocket;
    private WsClient bobSocket;

    @BeforeAll
    static void start() {
        hub = new TestSignalingHub();
        alice = hub.user(ALICE);
        bob = hub.user(BOB);
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @BeforeEach
    void connectBoth() {
        aliceSocket = hub.connect(alice);
        bobSocket = hub.connect(bob);
    }

    @AfterEach
    void closeBoth() {
        for (WsClient socket : new WsClient[] {aliceSocket, bobSocket}) {
            if (!socket.isClosed()) {
                socket.closeNormally();
                socket.awaitClose();
            }
        }
        hub.clock.advance(Duration.ofMinutes(1)); // refill every allowance between tests
    }

    private static void assertError(JsonNode frame, String code) {
        assertThat(frame.get("type").asText()).isEqualTo("error");
        assertThat(frame.get("code").asText()).isEqualTo(code);
        assertThat(frame.get("message").asText()).isNotBlank();
    }

    private void assertStillServed(WsClient socket) {
        socket.send("{\"type\":\"ping\",\"timestamp\":1}");
        assertThat(socket.next().get("type").asText()).isEqualTo("pong");
    }

    @Test
    void aSignalIsRelayedWholeWithTheHubsSenderIdOverwritingAForgedOne() throws Exception {
        String sent = "{\"type\":\"signal\",\"target_node_id\":\"" + BOB + "\",\"sender_node_id\":\"dpc-node-forged00000000000\","
                + "\"payload\":{\"type\":\"offer\",\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0\\r\\no=- 1 2 IN IP4 127.0.0.1\"}},"
                + "\"extra\":[1,2.50,{\"k\":null}]}";

        aliceSocket.send(sent);
        JsonNode received = bobSocket.next();

        JsonNode expected = JSON.readTree(sent);
        ((com.fasterxml.jackson.databind.node.ObjectNode) expected).put("sender_node_id", ALICE.value());
        assertThat(received).isEqualTo(expected);
        assertThat(aliceSocket.pollText(Duration.ofMillis(200))).as("no ack without id").isNull();
    }

    @Test
    void aSignalIsRelayedExactlyAsWrittenWithTheHubsSenderIdAddedLast() throws Exception {
        String sent = "{ \"payload\" : {\"type\":\"ice-candidate\",\"candidate\":{\"candidate\":\"candidate:1 1 udp 2 "
                + "192.0.2.1 5000 typ host\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}},\n \"t\": 1.50e3, \"n\": -0.0,"
                + " \"s\": \"\\u00e9t\\u00e9 \\\"quoted\\\" }\", \"type\" : \"signal\", \"target_node_id\": \"" + BOB + "\" }  \n";

        aliceSocket.send(sent);
        String received = bobSocket.nextText();

        assertThat(received).isEqualTo(sent.substring(0, sent.lastIndexOf('}'))
                + ",\"sender_node_id\":\"" + ALICE.value() + "\"}");
        JsonNode expected = JSON.readTree(sent);
        ((com.fasterxml.jackson.databind.node.ObjectNode) expected).put("sender_node_id", ALICE.value());
        assertThat(JSON.readTree(received)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"signal\",\"target_node_id\":\"dpc-node-b2b2b2b2b2b2b2b2\",\"payload\":{\"a\":[1,2}}",
            "{\"type\":\"signal\",\"target_node_id\":\"dpc-node-b2b2b2b2b2b2b2b2\",\"payload\":{\"s\":\"bad \\x escape\"}}",
            "{\"type\":\"signal\",\"target_node_id\":\"dpc-node-b2b2b2b2b2b2b2b2\",\"payload\":{\"n\":01}}",
            "{\"type\":\"signal\",\"target_node_id\":\"dpc-node-b2b2b2b2b2b2b2b2\",\"payload\":{}"})
    void aSignalWhosePayloadIsNotJsonIsInvalidJsonAndNotRelayed(String frame) throws Exception {
        aliceSocket.send(frame);

        assertError(aliceSocket.next(), "invalid_json");
        assertThat(bobSocket.pollText(Duration.ofMillis(200))).isNull();
        assertStillServed(aliceSocket);
    }

    @Test
    void aSignalWithAnIdIsAcknowledgedOnceHandedOn() {
        aliceSocket.send("{\"type\":\"signal\",\"id\":\"m-1\",\"target_node_id\":\"" + BOB
                + "\",\"payload\":{\"type\":\"ice-candidate\",\"candidate\":{\"candidate\":\"c\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}}}");

        JsonNode relayed = bobSocket.next();
        assertThat(relayed.get("id").asText()).isEqualTo("m-1");
        assertThat(relayed.get("sender_node_id").asText()).isEqualTo(ALICE.value());
        assertThat(aliceSocket.nextText()).isEqualTo("{\"type\":\"relayed\",\"id\":\"m-1\"}");
    }

    @Test
    void aSignalToANodeNotConnectedIsTargetOfflineWithTheIdEchoed() {
        aliceSocket.send("{\"type\":\"signal\",\"id\":7,\"target_node_id\":\"dpc-node-cccccccccccccccc\",\"payload\":{}}");

        JsonNode error = aliceSocket.next();
        assertError(error, "target_offline");
        assertThat(error.get("message").asText()).isEqualTo("Target node dpc-node-cccccccccccccccc is not connected");
        assertThat(error.get("id").asInt()).isEqualTo(7);
    }

    @Test
    void aSignalToSomethingThatIsNoNodeIdIsTargetOffline() {
        aliceSocket.send("{\"type\":\"signal\",\"target_node_id\":\"bob\",\"payload\":{}}");

        JsonNode error = aliceSocket.next();
        assertError(error, "target_offline");
        assertThat(error.get("message").asText()).isEqualTo("Target node bob is not connected");
        assertThat(error.has("id")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"signal\",\"id\":\"x\",\"payload\":{}}",
            "{\"type\":\"signal\",\"id\":\"x\",\"target_node_id\":null,\"payload\":{}}",
            "{\"type\":\"signal\",\"id\":\"x\",\"target_node_id\":\"\",\"payload\":{}}"})
    void aSignalWithoutTargetIsMissingTarget(String frame) {
        aliceSocket.send(frame);

        JsonNode error = aliceSocket.next();
        assertError(error, "missing_target");
        assertThat(error.get("id").asText()).isEqualTo("x");
        assertStillServed(aliceSocket);
    }

    @Test
    void pingIsAnsweredWithTheSameTimestampAsWritten() {
        aliceSocket.send("{\"type\":\"ping\",\"timestamp\":1764230400.123456789}");
        assertThat(aliceSocket.nextText()).isEqualTo("{\"type\":\"pong\",\"timestamp\":1764230400.123456789}");

        aliceSocket.send("{\"type\":\"ping\",\"timestamp\":{\"any\":[\"json\"]}}");
        assertThat(aliceSocket.nextText()).isEqualTo("{\"type\":\"pong\",\"timestamp\":{\"any\":[\"json\"]}}");

        aliceSocket.send("{\"type\":\"ping\"}");
        assertThat(aliceSocket.nextText()).isEqualTo("{\"type\":\"pong\",\"timestamp\":null}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"teleport\",\"id\":1}", "{\"id\":1}", "{\"type\":42,\"id\":1}",
            "{\"type\":null,\"id\":1}"})
    void anyOtherTypeOrNoneIsUnknownMessageType(String frame) {
        aliceSocket.send(frame);

        JsonNode error = aliceSocket.next();
        assertError(error, "unknown_message_type");
        assertThat(error.get("id").asInt()).isEqualTo(1);
        assertStillServed(aliceSocket);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{\"type\":\"ping\"", "", "{'type':'ping'}", "\u0000"})
    void aFrameThatIsNotJsonIsInvalidJson(String frame) {
        aliceSocket.send(frame);

        assertError(aliceSocket.next(), "invalid_json");
        assertStillServed(aliceSocket);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"type\":\"ping\"}]", "\"ping\"", "42", "null", "true",
            "{\"type\":\"signal\",\"target_node_id\":42,\"payload\":{}}",
            "{\"type\":\"signal\",\"target_node_id\":[\"dpc-node-b2b2b2b2b2b2b2b2\"],\"payload\":{}}",
            "{\"type\":\"presence_subscribe\",\"node_ids\":\"dpc-node-b2b2b2b2b2b2b2b2\"}",
            "{\"type\":\"presence_subscribe\",\"node_ids\":[42]}",
            "{\"type\":\"presence_subscribe\",\"node_ids\":[\"not-a-node\"]}",
            "{\"type\":\"presence_unsubscribe\"}"})
    void jsonThatIsNotAnObjectOrHasWrongFieldTypesIsAProcessingError(String frame) {
        aliceSocket.send(frame);

        assertError(aliceSocket.next(), "processing_error");
        assertStillServed(aliceSocket);
    }

    @Test
    void aBinaryFrameIsAProcessingError() {
        aliceSocket.sendBinary("{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8));

        assertError(aliceSocket.next(), "processing_error");
        assertStillServed(aliceSocket);
    }

    @Test
    void aFrameOver64KiBIsMessageTooLargeThenClose1009() {
        String big = "{\"type\":\"signal\",\"target_node_id\":\"" + BOB + "\",\"payload\":\"" + "x".repeat(65 * 1024) + "\"}";

        aliceSocket.send(big);

        assertError(aliceSocket.next(), "message_too_large");
        assertThat(aliceSocket.awaitClose().code()).isEqualTo(1009);
        assertThat(bobSocket.pollTextQuietly()).isNull();
        assertStillServed(bobSocket);
    }

    @Test
    void aFrameOf64KiBExactlyIsRelayed() {
        String prefix = "{\"type\":\"signal\",\"target_node_id\":\"" + BOB + "\",\"payload\":\"";
        String frame = prefix + "y".repeat(64 * 1024 - prefix.length() - 2) + "\"}";
        assertThat(frame.getBytes(StandardCharsets.UTF_8)).hasSize(64 * 1024);

        aliceSocket.send(frame);

        assertThat(bobSocket.next().get("payload").asText()).hasSize(64 * 1024 - prefix.length() - 2);
    }

    @Test
    void multiByteCharactersCountAsBytesForTheSizeLimit() {
        String frame = "{\"type\":\"ping\",\"timestamp\":\"" + "é".repeat(33 * 1024) + "\"}"; // 66 KiB of UTF-8

        aliceSocket.send(frame);

        assertError(aliceSocket.next(), "message_too_large");
        assertThat(aliceSocket.awaitClose().code()).isEqualTo(1009);
    }

    @Test
    void overTheBurstMessagesAreRateLimitedUntilTheAllowanceRefills() {
        for (int i = 0; i < 100; i++) {
            aliceSocket.send("{\"type\":\"ping\",\"timestamp\":" + i + "}");
        }
        for (int i = 0; i < 100; i++) {
            assertThat(aliceSocket.next().get("timestamp").asInt()).isEqualTo(i);
        }

        aliceSocket.send("{\"type\":\"ping\",\"id\":\"over\"}");
        JsonNode limited = aliceSocket.next();
        assertError(limited, "rate_limited");
        assertThat(limited.get("id").asText()).isEqualTo("over");

        hub.clock.advance(Duration.ofSeconds(1)); // 20 messages per second come back
        for (int i = 0; i < 20; i++) {
            aliceSocket.send("{\"type\":\"ping\"}");
            assertThat(aliceSocket.next().get("type").asText()).isEqualTo("pong");
        }
        aliceSocket.send("{\"type\":\"ping\"}");
        assertError(aliceSocket.next(), "rate_limited");
    }

    @Test
    void aBurstOf10000FramesIsAnsweredFrameByFrameAndTheHubKeepsServingOthers() {
        for (int i = 0; i < 10_000; i++) {
            aliceSocket.send("{\"type\":\"ping\",\"timestamp\":" + i + "}");
        }

        int pongs = 0;
        int limited = 0;
        for (int i = 0; i < 10_000; i++) {
            JsonNode reply = aliceSocket.next();
            if (reply.get("type").asText().equals("pong")) {
                pongs++;
            } else {
                assertError(reply, "rate_limited");
                limited++;
            }
        }
        assertThat(pongs).isEqualTo(100);
        assertThat(limited).isEqualTo(9_900);
        assertThat(aliceSocket.isClosed()).isFalse();
        assertStillServed(bobSocket);
    }

    @Test
    void presenceSubscribeReportsAtOnceThenEveryChangeUntilUnsubscribed() {
        NodeId carol = new NodeId("dpc-node-c3c3c3c3c3c3c3c3");
        TestSignalingHub.User carolUser = hub.user(carol);

        aliceSocket.send("{\"type\":\"presence_subscribe\",\"node_ids\":[\"" + BOB + "\",\"" + carol + "\"]}");
        assertThat(aliceSocket.nextText()).isEqualTo("{\"type\":\"presence\",\"node_id\":\"" + BOB + "\",\"online\":true}");
        assertThat(aliceSocket.nextText()).isEqualTo("{\"type\":\"presence\",\"node_id\":\"" + carol + "\",\"online\":false}");

        WsClient carolSocket = hub.connect(carolUser);
        assertThat(aliceSocket.nextText()).isEqualTo("{\"type\":\"presence\",\"node_id\":\"" + carol + "\",\"online\":true}");
        carolSocket.closeNormally();
        assertThat(aliceSocket.nextText()).isEqualTo("{\"type\":\"presence\",\"node_id\":\"" + carol + "\",\"online\":false}");

        aliceSocket.send("{\"type\":\"presence_unsubscribe\",\"node_ids\":[\"" + carol + "\"]}");
        assertStillServed(aliceSocket); // the unsubscribe has been handled once the pong is back
        WsClient again = hub.connect(carolUser);
        again.closeNormally();
        bobSocket.closeNormally();
        assertThat(aliceSocket.nextText()).isEqualTo("{\"type\":\"presence\",\"node_id\":\"" + BOB + "\",\"online\":false}");
    }

    @Test
    void aSocketWatchesAtMost500Nodes() {
        StringBuilder ids = new StringBuilder();
        for (int i = 0; i < 501; i++) {
            ids.append(i == 0 ? "" : ",").append("\"dpc-node-%016x\"".formatted(i));
        }

        aliceSocket.send("{\"type\":\"presence_subscribe\",\"id\":\"big\",\"node_ids\":[" + ids + "]}");

        JsonNode error = aliceSocket.next();
        assertError(error, "too_many_subscriptions");
        assertThat(error.get("id").asText()).isEqualTo("big");
        assertStillServed(aliceSocket);
    }
}
