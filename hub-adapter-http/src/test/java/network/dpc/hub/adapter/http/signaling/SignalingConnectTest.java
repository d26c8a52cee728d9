package network.dpc.hub.adapter.http.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import network.dpc.hub.adapter.http.TestHttpClient;
import network.dpc.hub.domain.node.NodeId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** §6 "Connect": authentication before the upgrade, node choice, the first frame. */
class SignalingConnectTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestSignalingHub hub;

    @BeforeAll
    static void start() {
        hub = new TestSignalingHub();
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static NodeId node(String hex) {
        return new NodeId("dpc-node-" + hex);
    }

    private static String tokenQuery(TestSignalingHub.User user) {
        return "token=" + URLEncoder.encode(user.token(), StandardCharsets.UTF_8);
    }

    @Test
    void theFieldClientConnectsWithATokenInTheQueryAndNoOriginAndGetsExactlyAuthOk() throws Exception {
        TestSignalingHub.User alice = hub.user(node("0123456789abcdef0123456789abcdef"));

        WsClient client = WsClient.connect(hub.wsUrl(tokenQuery(alice)));
        String first = client.nextText();

        JsonNode authOk = JSON.readTree(first);
        assertThat(first).startsWith("{\"type\":\"auth_ok\",\"message\":\"Successfully connected as "
                + alice.node() + "\",\"node_id\":\"" + alice.node() + "\",");
        assertThat(authOk.fieldNames()).toIterable()
                .containsExactly("type", "message", "node_id", "protocol", "hub_version", "limits");
        assertThat(authOk.get("limits").fieldNames()).toIterable().containsExactly("max_message_bytes",
                "messages_per_second", "burst", "max_presence_subscriptions", "ping_interval_seconds",
                "idle_timeout_seconds");
        assertThat(authOk.get("protocol").asInt()).isEqualTo(1);
        assertThat(authOk.get("hub_version").asText()).isEqualTo(TestSignalingHub.VERSION);
        assertThat(authOk.get("limits").get("max_message_bytes").asInt()).isEqualTo(65536);
        assertThat(authOk.get("limits").get("messages_per_second").asInt()).isEqualTo(20);
        assertThat(authOk.get("limits").get("burst").asInt()).isEqualTo(100);
        client.closeNormally();
    }

    @Test
    void aBearerHeaderAndAnAllowedOriginAreAccepted() {
        TestSignalingHub.User alice = hub.user(node("1123456789abcdef"));

        WsClient client = WsClient.connect(hub.wsUrl(""), Map.of("Authorization", "Bearer " + alice.token(),
                "Origin", TestSignalingHub.ALLOWED_ORIGIN), true);

        assertThat(client.next().get("node_id").asText()).isEqualTo(alice.node().value());
        client.closeNormally();
    }

    @Test
    void aTicketOpensOneSocketOnly() throws Exception {
        TestSignalingHub.User alice = hub.user(node("2123456789abcdef"));
        HttpResponse<String> issued = hub.http.send(hub.http.request(JavalinSignalingSocket.TICKET_PATH)
                .header("Authorization", "Bearer " + alice.token())
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(issued.statusCode()).isEqualTo(200);
        JsonNode body = TestHttpClient.json(issued);
        assertThat(body.get("expires_in").asInt()).isEqualTo(30);
        String ticket = body.get("ticket").asText();
        assertThat(ticket).hasSizeGreaterThanOrEqualTo(32).doesNotContain(alice.token());

        WsClient client = WsClient.connect(hub.wsUrl("ticket=" + ticket));
        assertThat(client.next().get("node_id").asText()).isEqualTo(alice.node().value());

        try (RawUpgrade again = RawUpgrade.open(hub.port, JavalinSignalingSocket.PATH + "?ticket=" + ticket, Map.of())) {
            assertThat(again.status).isEqualTo(401);
        }
        client.closeNormally();
    }

    @Test
    void aPlainRequestWithoutUpgradeIsToldToUpgradeAndOpensNothing() {
        TestSignalingHub.User alice = hub.user(node("2123456789abcdef"));

        var response = hub.http.send(hub.http.request(JavalinSignalingSocket.PATH + "?token=" + alice.token())
                .GET().build());

        assertThat(response.statusCode()).isEqualTo(426);
        assertThat(TestHttpClient.json(response).get("code").asText()).isEqualTo("upgrade_required");
        assertThat(response.body()).doesNotContain(alice.token());
        assertThat(hub.socket.openConnections()).isZero();
    }

    @Test
    void aTicketExpiresAfter30Seconds() {
        TestSignalingHub.User alice = hub.user(node("2223456789abcdef"));
        String ticket = TestHttpClient.json(hub.http.send(hub.http.request(JavalinSignalingSocket.TICKET_PATH)
                .header("Authorization", "Bearer " + alice.token())
                .POST(HttpRequest.BodyPublishers.noBody()).build())).get("ticket").asText();

        hub.clock.advance(java.time.Duration.ofSeconds(30));

        try (RawUpgrade late = RawUpgrade.open(hub.port, JavalinSignalingSocket.PATH + "?ticket=" + ticket, Map.of())) {
            assertThat(late.status).isEqualTo(401);
        }
    }

    @Test
    void aTicketForARevokedTokenOpensNothing() {
        TestSignalingHub.User alice = hub.user(node("2323456789abcdef"));
        String ticket = TestHttpClient.json(hub.http.send(hub.http.request(JavalinSignalingSocket.TICKET_PATH)
                .header("Authorization", "Bearer " + alice.token())
                .POST(HttpRequest.BodyPublishers.noBody()).build())).get("ticket").asText();

        hub.auth.revoke(alice.token());

        try (RawUpgrade refused = RawUpgrade.open(hub.port, JavalinSignalingSocket.PATH + "?ticket=" + ticket, Map.of())) {
            assertThat(refused.status).isEqualTo(401);
        }
    }

    @Test
    void aDatabaseOutageWhileDecidingIsA503NeverA500AndRecovers() {
        TestSignalingHub.User alice = hub.user(node("5423456789abcdef"));
        hub.auth.breakDown(true);
        try (RawUpgrade refused = RawUpgrade.open(hub.port, JavalinSignalingSocket.PATH + "?" + tokenQuery(alice),
                Map.of())) {
            assertThat(refused.status).isEqualTo(503);
            assertThat(refused.body).contains("\"code\":\"too_many_connections\"").contains("\"detail\"");
        } finally {
            hub.auth.breakDown(false);
        }
        try (RawUpgrade admitted = RawUpgrade.open(hub.port, JavalinSignalingSocket.PATH + "?" + tokenQuery(alice),
                Map.of())) {
            assertThat(admitted.status).isEqualTo(101);
        }
    }

    @Test
    void theHttpSessionJavalinCreatesForAnUpgradeIsDroppedAtOnce() {
        TestSignalingHub.User alice = hub.user(node("2423456789abcdef"));
        try (RawUpgrade upgraded = RawUpgrade.open(hub.port, JavalinSignalingSocket.PATH + "?" + tokenQuery(alice),
                Map.of())) {
            assertThat(upgraded.status).isEqualTo(101);
            java.util.regex.Matcher cookie = java.util.regex.Pattern.compile("JSESSIONID=([^;\\s]+)")
                    .matcher(upgraded.headers);
            if (cookie.find()) {
                HttpResponse<String> probe = hub.http.send(hub.http.request("/test/has-session")
                        .header("Cookie", "JSESSIONID=" + cookie.group(1)).GET().build());
                assertThat(probe.body()).as("the upgrade's session no longer exists").isEqualTo("false");
            }
        }
    }

    @Test
    void compressionOfferedAsBrowsersDoIsDeclined() {
        TestSignalingHub.User carol = hub.user(node("abcdefabcdefabcdefabcdefabcdef01"));

        try (RawUpgrade upgrade = RawUpgrade.open(hub.port, JavalinSignalingSocket.PATH + "?" + tokenQuery(carol),
                Map.of("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits"))) {
            assertThat(upgrade.status).isEqualTo(101);
            assertThat(upgrade.headers.toLowerCase(java.util.Locale.ROOT)).doesNotContain("sec-websocket-extensions")
                    .doesNotContain("permessage-deflate");
        }
    }

    @Test
    void aTicketNeedsABearerToken() {
        HttpResponse<String> refused = hub.http.send(hub.http.request(JavalinSignalingSocket.TICKET_PATH)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(TestHttpClient.json(refused).get("code").asText()).isEqualTo("not_authenticated");
    }

    @Test
    void aRequestedNodeOfTheCallerIsUsed() {
        TestSignalingHub.User alice = hub.user(node("3123456789abcdef"), node("3223456789abcdef"));

        WsClient client = WsClient.connect(hub.wsUrl(tokenQuery(alice) + "&node_id=dpc-node-3223456789abcdef"));

        JsonNode authOk = client.next();
        assertThat(authOk.get("node_id").asText()).isEqualTo("dpc-node-3223456789abcdef");
        assertThat(authOk.get("message").asText()).isEqualTo("Successfully connected as dpc-node-3223456789abcdef");
        client.closeNormally();
    }

    @Test
    void aUserWithoutNodeSpeaksAsAStableTemporaryId() {
        TestSignalingHub.User newcomer = hub.user();

        WsClient first = WsClient.connect(hub.wsUrl(tokenQuery(newcomer)));
        String id = first.next().get("node_id").asText();
        first.closeNormally();
        first.awaitClose();
        WsClient second = WsClient.connect(hub.wsUrl(tokenQuery(newcomer)));

        assertThat(id).matches("dpc-node-temp-[0-9a-f]{16}");
        assertThat(second.next().get("node_id").asText()).isEqualTo(id);
        second.closeNormally();
    }

    @Test
    void missingBadExpiredAndRevokedTokensAreRefusedWith401BeforeTheUpgrade() {
        TestSignalingHub.User expired = hub.user(node("4123456789abcdef"));
        hub.auth.expire(expired.token());
        TestSignalingHub.User revoked = hub.user(node("4223456789abcdef"));
        hub.auth.revoke(revoked.token());

        for (String query : new String[] {"", "?token=", "?token=not-a-token", "?" + tokenQuery(expired),
                "?" + tokenQuery(revoked), "?ticket=unknown"}) {
            try (RawUpgrade refused = RawUpgrade.open(hub.port, JavalinSignalingSocket.PATH + query, Map.of())) {
                assertThat(refused.status).as(query).isEqualTo(401);
                assertThat(refused.body).as(refused.headers)
                        .isEqualTo("{\"detail\":\"Could not validate credentials\",\"code\":\"not_authenticated\"}");
            }
        }
        try (RawUpgrade badHeader = RawUpgrade.open(hub.port, JavalinSignalingSocket.PATH,
                Map.of("Authorization", "Basic abc"))) {
            assertThat(badHeader.status).isEqualTo(401);
        }
        try (RawUpgrade oversized = RawUpgrade.open(hub.port, JavalinSignalingSocket.PATH,
                Map.of("Authorization", "Bearer " + "a".repeat(6_000)))) {
            assertThat(oversized.status).as("a token far longer than any the hub issues").isEqualTo(401);
            assertThat(oversized.body)
                    .isEqualTo("{\"detail\":\"Could not validate credentials\",\"code\":\"not_authenticated\"}");
        }
    }

    @Test
    void anotherUsersNodeOrAnOriginNotAllowedIsRefusedWith403() {
        TestSignalingHub.User alice = hub.user(node("5123456789abcdef"));
        TestSignalingHub.User bob = hub.user(node("5223456789abcdef"));
        String forbidden = "{\"detail\":\"Not allowed to open this socket\",\"code\":\"forbidden\"}";

        for (String query : new String[] {"&node_id=" + bob.node(), "&node_id=dpc-node-nothex",
                "&node_id=dpc-node-temp-0123456789abcdef"}) {
            try (RawUpgrade refused = RawUpgrade.open(hub.port,
                    JavalinSignalingSocket.PATH + "?" + tokenQuery(alice) + query, Map.of())) {
                assertThat(refused.status).as(query).isEqualTo(403);
                assertThat(refused.body).isEqualTo(forbidden);
            }
        }
        for (String origin : new String[] {"https://evil.example", "null", "https://app.dpc.example.evil.example"}) {
            try (RawUpgrade refused = RawUpgrade.open(hub.port, JavalinSignalingSocket.PATH + "?" + tokenQuery(alice),
                    Map.of("Origin", origin))) {
                assertThat(refused.status).as(origin).isEqualTo(403);
                assertThat(refused.body).isEqualTo(forbidden);
            }
        }
        assertThat(hub.socket.openConnections()).isZero();
    }

    @Test
    void theJdkClientSeesARefusedUpgrade() {
        assertThatThrownBy(() -> WsClient.connect(hub.wsUrl("token=nope")))
                .hasCauseInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode())
                        .isEqualTo(401));
    }

    @Test
    void tooManyConnectionsIsA503BeforeTheUpgrade() {
        try (TestSignalingHub small = new TestSignalingHub(SignalingSettings.defaults("1", java.util.Set.of())
                .withMaxConnections(1))) {
            TestSignalingHub.User alice = small.user(node("6123456789abcdef"));
            TestSignalingHub.User bob = small.user(node("6223456789abcdef"));
            WsClient first = WsClient.connect(small.wsUrl(tokenQuery(alice)));
            first.next();

            try (RawUpgrade refused = RawUpgrade.open(small.port,
                    JavalinSignalingSocket.PATH + "?" + tokenQuery(bob), Map.of())) {
                assertThat(refused.status).isEqualTo(503);
                assertThat(refused.body).contains("\"code\":\"too_many_connections\"");
            }
            first.closeNormally();
        }
    }
}
