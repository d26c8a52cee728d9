package network.dpc.hub.adapter.http.signaling;

import static network.dpc.hub.adapter.http.TestHttpClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import network.dpc.hub.domain.node.NodeId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** §5 over HTTP: {@code GET /presence/{node_id}} and {@code POST /presence/query}. */
class PresenceRoutesTest {

    private static final NodeId ONLINE = new NodeId("dpc-node-0101010101010101");
    private static final NodeId GONE = new NodeId("dpc-node-0202020202020202");
    private static final NodeId NEVER = new NodeId("dpc-node-0303030303030303");
    private static TestSignalingHub hub;
    private static TestSignalingHub.User caller;
    private static WsClient onlineSocket;

    @BeforeAll
    static void start() {
        hub = new TestSignalingHub();
        caller = hub.user(ONLINE);
        TestSignalingHub.User gone = hub.user(GONE);
        onlineSocket = WsClient.connect(hub.wsUrl("token=" + URLEncoder.encode(caller.token(), StandardCharsets.UTF_8)));
        onlineSocket.next();
        WsClient goneSocket = WsClient.connect(hub.wsUrl("token=" + URLEncoder.encode(gone.token(), StandardCharsets.UTF_8)));
        goneSocket.next();
        hub.clock.set(Instant.parse("2026-11-27T08:15:42Z"));
        goneSocket.closeNormally();
        goneSocket.awaitClose();
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder request = hub.http.request(path).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return hub.http.send(request.build());
    }

    private static HttpResponse<String> query(String body) {
        return hub.http.send(hub.http.request("/presence/query").header("Authorization", "Bearer " + caller.token())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static void eventuallyOffline(NodeId node) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (hub.directory.statusOf(node).online() && System.nanoTime() < deadline) {
            Thread.sleep(10); // polling interval of a bounded wait
        }
    }

    @Test
    void anOnlineNodeIsOnlineWithNullLastSeen() {
        HttpResponse<String> response = get("/presence/" + ONLINE, caller.token());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"node_id\":\"" + ONLINE + "\",\"online\":true,\"last_seen\":null}");
    }

    @Test
    void aNodeThatLeftWasLastSeenRoundedToTheMinute() throws Exception {
        eventuallyOffline(GONE);

        JsonNode body = json(get("/presence/" + GONE, caller.token()));

        assertThat(body.get("online").asBoolean()).isFalse();
        assertThat(body.get("last_seen").asText()).isEqualTo("2026-11-27T08:15:00Z");
    }

    @Test
    void aNeverSeenNodeIsOfflineWithNullLastSeen() {
        assertThat(get("/presence/" + NEVER, caller.token()).body())
                .isEqualTo("{\"node_id\":\"" + NEVER + "\",\"online\":false,\"last_seen\":null}");
    }

    @Test
    void presenceNeedsABearerToken() {
        HttpResponse<String> anonymous = get("/presence/" + ONLINE, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(json(anonymous).get("code").asText()).isEqualTo("not_authenticated");
        assertThat(get("/presence/" + ONLINE, "forged").statusCode()).isEqualTo(401);
        assertThat(hub.http.send(hub.http.request("/presence/query")
                .POST(HttpRequest.BodyPublishers.ofString("{\"node_ids\":[]}")).build()).statusCode()).isEqualTo(401);
    }

    @Test
    void aMalformedNodeIdIsA422() {
        HttpResponse<String> response = get("/presence/not-a-node", caller.token());

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json(response).get("errors").get(0).get("field").asText()).isEqualTo("node_id");
    }

    @Test
    void queryAnswersEveryIdInTheOrderAsked() throws Exception {
        eventuallyOffline(GONE);

        HttpResponse<String> response = query("{\"node_ids\":[\"" + NEVER + "\",\"" + ONLINE + "\",\"" + GONE + "\"]}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.isArray()).isTrue();
        assertThat(body).hasSize(3);
        assertThat(body.get(0).get("node_id").asText()).isEqualTo(NEVER.value());
        assertThat(body.get(1).get("online").asBoolean()).isTrue();
        assertThat(body.get(2).get("last_seen").asText()).isEqualTo("2026-11-27T08:15:00Z");
    }

    @Test
    void queryRefusesMoreThan100IdsMalformedIdsAndBadBodies() {
        StringBuilder ids = new StringBuilder();
        for (int i = 0; i < 101; i++) {
            ids.append(i == 0 ? "" : ",").append("\"dpc-node-%016x\"".formatted(i));
        }
        HttpResponse<String> tooMany = query("{\"node_ids\":[" + ids + "]}");
        assertThat(tooMany.statusCode()).isEqualTo(422);
        assertThat(json(tooMany).get("errors").get(0).get("field").asText()).isEqualTo("node_ids");

        HttpResponse<String> malformed = query("{\"node_ids\":[\"" + ONLINE + "\",42,\"x\"]}");
        assertThat(malformed.statusCode()).isEqualTo(422);
        assertThat(json(malformed).get("errors")).hasSize(2);
        assertThat(json(malformed).get("errors").get(0).get("field").asText()).isEqualTo("node_ids[1]");

        assertThat(query("{}").statusCode()).isEqualTo(422);
        assertThat(query("[]").statusCode()).isEqualTo(422);
        HttpResponse<String> notJson = query("{nope");
        assertThat(notJson.statusCode()).as("as every JSON body that does not parse").isEqualTo(422);
        assertThat(json(notJson).get("code").asText()).isEqualTo("invalid_json");
    }
}
