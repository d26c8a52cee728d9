package network.dpc.hub.adapter.http.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import network.dpc.hub.adapter.http.TestHttpClient;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.signaling.SocketClose;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** §8: during real traffic, no log line holds a token, a payload, or who signalled whom. */
class SignalingPrivacyTest {

    private static final String PAYLOAD_MARKER = "PAYLOAD-MARKER-7f3a";
    private static final String BAD_TOKEN = "BAD-TOKEN-MARKER-91c2";

    @Test
    void trafficLeavesNoTokenPayloadOrSenderTargetPairInTheLogs() {
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = logging.getLogger(Logger.ROOT_LOGGER_NAME);
        Logger hubLogger = logging.getLogger("network.dpc.hub");
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.setContext(logging);
        captured.start();
        root.addAppender(captured);
        Level before = hubLogger.getLevel();
        hubLogger.setLevel(Level.TRACE); // the hub's own code is checked at every level

        NodeId aliceNode = new NodeId("dpc-node-dddddddddddddddddddddddddddddddd");
        NodeId bobNode = new NodeId("dpc-node-eeeeeeeeeeeeeeee");
        List<String> tokens;
        try (TestSignalingHub hub = new TestSignalingHub()) {
            TestSignalingHub.User alice = hub.user(aliceNode);
            TestSignalingHub.User bob = hub.user(bobNode);
            tokens = List.of(alice.token(), bob.token());

            WsClient aliceSocket = WsClient.connect(hub.wsUrl("token=" + alice.token()));
            aliceSocket.next();
            String ticket = TestHttpClient.json(hub.http.send(hub.http.request(JavalinSignalingSocket.TICKET_PATH)
                    .header("Authorization", "Bearer " + bob.token())
                    .POST(HttpRequest.BodyPublishers.noBody()).build())).get("ticket").asText();
            WsClient bobSocket = WsClient.connect(hub.wsUrl("ticket=" + ticket));
            bobSocket.next();

            aliceSocket.send("{\"type\":\"signal\",\"id\":1,\"target_node_id\":\"" + bobNode
                    + "\",\"payload\":{\"type\":\"offer\",\"sdp\":\"" + PAYLOAD_MARKER + "\"}}");
            bobSocket.next();
            aliceSocket.next();
            aliceSocket.send("{\"type\":\"signal\",\"target_node_id\":\"dpc-node-ffffffffffffffff\",\"payload\":\""
                    + PAYLOAD_MARKER + "\"}");
            aliceSocket.next();
            aliceSocket.send("{\"type\":\"signal\",\"target_node_id\":42,\"payload\":\"" + PAYLOAD_MARKER + "\"}");
            aliceSocket.next();
            aliceSocket.send(PAYLOAD_MARKER + " not json");
            aliceSocket.next();
            bobSocket.send("{\"type\":\"presence_subscribe\",\"node_ids\":[\"" + aliceNode + "\"]}");
            bobSocket.next();
            try (RawUpgrade refused = RawUpgrade.open(hub.port, JavalinSignalingSocket.PATH + "?token=" + BAD_TOKEN,
                    Map.of())) {
                assertThat(refused.status).isEqualTo(401);
            }
            aliceSocket.send("{\"type\":\"signal\",\"target_node_id\":\"" + bobNode + "\",\"payload\":\""
                    + PAYLOAD_MARKER + "x".repeat(70 * 1024) + "\"}");
            aliceSocket.awaitClose();
            hub.signaling.closeUser(bob.id(), SocketClose.REVOKED);
            bobSocket.awaitClose();
        } finally {
            root.detachAppender(captured);
            hubLogger.setLevel(before);
        }

        assertThat(captured.list).as("some logging happened, so the check is not vacuous").isNotEmpty();
        for (ILoggingEvent event : captured.list) {
            String text = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            assertThat(text).doesNotContain(BAD_TOKEN).doesNotContain(PAYLOAD_MARKER);
            for (String token : tokens) {
                assertThat(text).doesNotContain(token);
            }
            if (event.getLevel().isGreaterOrEqual(Level.INFO)) {
                assertThat(text).as("no node id at INFO or above").doesNotContain(aliceNode.value())
                        .doesNotContain(bobNode.value());
            }
            assertThat(text.getBytes(StandardCharsets.UTF_8)).hasSizeLessThan(4096);
        }
    }
}
