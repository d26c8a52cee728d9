package network.dpc.hub.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import network.dpc.hub.adapter.http.metrics.PrometheusText;
import network.dpc.hub.adapter.http.signaling.WsClient;
import network.dpc.hub.adapter.oauth.Browser;
import network.dpc.hub.adapter.persistence.TestDatabase;
import network.dpc.hub.application.fake.MutableClock;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operations surface of the assembled hub on real PostgreSQL: metrics after real traffic (and nothing
 * identifying in them), the OpenAPI document against the routes the hub really serves, the documentation page,
 * {@code /.well-known/dpc-hub} and TURN credentials.
 */
class OperationsSystemTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TURN_SECRET = "coturn-static-auth-secret";
    private static final URI CLIENT_CALLBACK = URI.create("http://127.0.0.1:8080/callback");
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final MutableClock CLOCK = new MutableClock(java.time.Instant.now());

    @TempDir
    static Path dataDir;
    private static MockOAuth2Server issuer;
    private static String databaseUrl;
    private static Hub hub;

    @BeforeAll
    static void start() {
        issuer = new MockOAuth2Server();
        issuer.start();
        databaseUrl = TestDatabase.newEmptyDatabase().jdbcUrl() + "?user=postgres";
        hub = startHub(Map.of("TURN_SECRET", TURN_SECRET, "TURN_URIS",
                "turn:turn.example.org:3478?transport=udp,turns:turn.example.org:5349", "TURN_TTL", "3600"));
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.stop();
        }
        issuer.shutdown();
    }

    @Test
    void metricsMoveWithTrafficAndNoLabelNamesANodeAnAddressOrAToken() throws Exception {
        PrometheusText before = scrape();
        Map<String, String> alice = signIn("metrics-alice@example.org");
        Map<String, String> bob = signIn("metrics-bob@example.org");
        String aliceNode = fixture("device1/node.id").strip();
        String bobNode = fixture("device2/node.id").strip();
        assertThat(post("/register-node-id", registration("device1"), alice.get("access_token")).statusCode())
                .isEqualTo(200);
        assertThat(post("/register-node-id", registration("device2"), bob.get("access_token")).statusCode())
                .isEqualTo(200);
        String userId = json(get("/users/me", alice.get("access_token"))).get("id").asText();
        assertThat(get("/presence/" + bobNode, alice.get("access_token")).statusCode()).isEqualTo(200);
        assertThat(get("/nodes", "not-a-token").statusCode()).isEqualTo(401);

        WsClient aliceSocket = WsClient.connect(wsUrl(alice.get("access_token")));
        WsClient bobSocket = WsClient.connect(wsUrl(bob.get("access_token")));
        assertThat(aliceSocket.next().get("type").asText()).isEqualTo("auth_ok");
        assertThat(bobSocket.next().get("type").asText()).isEqualTo("auth_ok");
        PrometheusText open = scrape();
        aliceSocket.send("{\"type\":\"signal\",\"target_node_id\":\"" + bobNode + "\",\"payload\":{\"sdp\":\"v=0\"}}");
        assertThat(bobSocket.next().get("sender_node_id").asText()).isEqualTo(aliceNode);
        aliceSocket.send("{\"type\":\"signal\",\"target_node_id\":\"dpc-node-00000000000000000000000000000000\","
                + "\"payload\":{}}");
        assertThat(aliceSocket.next().get("code").asText()).isEqualTo("target_offline");
        aliceSocket.send("this is not json " + alice.get("access_token"));
        assertThat(aliceSocket.next().get("code").asText()).isEqualTo("invalid_json");
        aliceSocket.closeNormally();
        aliceSocket.awaitClose();
        bobSocket.closeNormally();
        bobSocket.awaitClose();

        PrometheusText after = scrape();
        assertThat(open.value("dpc_websocket_connections", Map.of())).contains(2.0);
        assertThat(delta(before, after, "dpc_signal_relays_total", Map.of("outcome", "delivered"))).isEqualTo(1);
        assertThat(delta(before, after, "dpc_signal_relays_total", Map.of("outcome", "target_offline")))
                .isEqualTo(1);
        assertThat(delta(before, after, "dpc_errors_total", Map.of("source", "websocket", "code", "invalid_json")))
                .isEqualTo(1);
        assertThat(delta(before, after, "dpc_errors_total", Map.of("source", "websocket",
                "code", "target_offline"))).isEqualTo(1);
        assertThat(delta(before, after, "dpc_errors_total", Map.of("source", "http", "code", "invalid_token")))
                .isEqualTo(1);
        assertThat(delta(before, after, "dpc_websocket_closes_total", Map.of("code", "1000"))).isEqualTo(2);
        assertThat(delta(before, after, "http_server_requests_seconds_count",
                Map.of("method", "POST", "route", "/register-node-id", "status", "200"))).isEqualTo(2);
        assertThat(delta(before, after, "http_server_requests_seconds_count",
                Map.of("method", "GET", "route", "/presence/{node_id}", "status", "200"))).isEqualTo(1);
        assertThat(after.samples()).anySatisfy(s -> assertThat(s.name()).isEqualTo("hikaricp_connections_active"));
        assertThat(after.samples()).anySatisfy(s -> assertThat(s.name()).isEqualTo("jvm_threads_live_threads"));

        List<String> forbidden = List.of(aliceNode, bobNode, "metrics-alice@example.org",
                "metrics-bob@example.org", alice.get("access_token"), alice.get("refresh_token"),
                bob.get("access_token"), userId, "eyJ", "@", "dpc-node-");
        for (String value : after.labelValues()) {
            for (String secret : forbidden) {
                assertThat(value).as("a label value").doesNotContain(secret);
            }
        }
    }

    @Test
    void theOpenApiDocumentListsExactlyTheRoutesTheHubServes() throws Exception {
        JsonNode document = json(get("/openapi.json", null));

        TreeSet<String> documented = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(method -> documented.add(
                    method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey()));
        }

        assertThat(document.get("openapi").asText()).startsWith("3.1.");
        assertThat(document.get("info").get("version").asText()).isEqualTo(HubVersion.current());
        assertThat(documented).as("documented routes (left) vs. served routes (right)")
                .isEqualTo(new TreeSet<>(hub.endpoints()));
    }

    @Test
    void everyRouteTheDocumentMarksAsBearerRefusesARequestWithoutAToken() throws Exception {
        JsonNode paths = json(get("/openapi.json", null)).get("paths");
        List<String> checked = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> path = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!op.getValue().has("security")) {
                    continue;
                }
                String concrete = path.getKey().replace("{node_id}", "dpc-node-00000000000000000000000000000000");
                HttpResponse<String> response = CLIENT.send(request(concrete, null)
                        .method(op.getKey().toUpperCase(java.util.Locale.ROOT),
                                HttpRequest.BodyPublishers.ofString(op.getKey().equals("get")
                                        || op.getKey().equals("delete") ? "" : "{}"))
                        .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(op.getKey() + " " + concrete).isEqualTo(401);
                checked.add(op.getKey() + " " + path.getKey());
            }
        }
        assertThat(checked).contains("get /turn-credentials", "get /users/me", "post /register-node-id");
    }

    @Test
    void theDocumentationPageAndItsAssetsComeFromTheHubItself() throws Exception {
        HttpResponse<String> page = get("/docs", null);
        HttpResponse<String> bundle = get("/docs/swagger-ui-bundle.js", null);
        HttpResponse<String> css = get("/docs/swagger-ui.css", null);
        HttpResponse<String> other = get("/docs/index.html", null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("docs/swagger-ui-bundle.js", "openapi.json").doesNotContain("https://");
        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.headers().firstValue("Content-Type").orElse("")).startsWith("text/javascript");
        assertThat(bundle.body().length()).isGreaterThan(100_000);
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(json(other).get("code").asText()).isEqualTo("not_found");
    }

    @Test
    void theWellKnownDocumentDescribesVersionProtocolProvidersLimitsAndFeatures() throws Exception {
        HttpResponse<String> response = get("/.well-known/dpc-hub", null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode document = json(response);
        assertThat(document.get("version").asText()).isEqualTo(HubVersion.current());
        assertThat(document.get("protocol").asInt()).isEqualTo(1);
        assertThat(document.get("providers").toString()).isEqualTo("[\"google\",\"oidc\"]");
        assertThat(document.get("endpoints").get("websocket").asText()).isEqualTo("/ws/signal");
        assertThat(document.get("limits").get("max_message_bytes").asInt()).isEqualTo(65536);
        // this hub runs with RATE_LIMIT_ENABLED=false, which also lifts the per-socket message rate
        assertThat(document.get("limits").get("messages_per_second").asInt()).isEqualTo(1_000_000_000);
        assertThat(document.get("limits").get("max_nodes_per_user").asInt()).isEqualTo(5);
        assertThat(document.get("limits").get("access_token_seconds").asInt()).isEqualTo(1800);
        assertThat(document.get("features").toString()).contains("\"turn\"", "\"presence\"", "\"ws_ticket\"")
                .doesNotContain("rate_limits");
    }

    @Test
    void turnCredentialsFollowTheTurnRestRule() throws Exception {
        Map<String, String> carol = signIn("turn-carol@example.org");
        String userId = json(get("/users/me", carol.get("access_token"))).get("id").asText();

        HttpResponse<String> response = get("/turn-credentials", carol.get("access_token"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        JsonNode credentials = json(response);
        String username = credentials.get("username").asText();
        String[] parts = username.split(":");
        assertThat(parts).hasSize(2);
        assertThat(Long.parseLong(parts[0])).isEqualTo(CLOCK.instant().getEpochSecond() + 3600);
        assertThat(parts[1]).matches("[0-9a-f]{32}").doesNotContain(userId.replace("-", ""));
        assertThat(username).doesNotContain("carol", "@", userId);
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(TURN_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        assertThat(credentials.get("password").asText()).isEqualTo(Base64.getEncoder().encodeToString(
                mac.doFinal(username.getBytes(StandardCharsets.UTF_8))));
        assertThat(credentials.get("ttl").asLong()).isEqualTo(3600);
        assertThat(credentials.get("uris").toString()).isEqualTo(
                "[\"turn:turn.example.org:3478?transport=udp\",\"turns:turn.example.org:5349\"]");
        assertThat(json(get("/turn-credentials", carol.get("access_token"))).get("username").asText())
                .as("stable handle").isEqualTo(username);
        assertThat(get("/turn-credentials", null).statusCode()).isEqualTo(401);
    }

    @Test
    void withoutTurnSettingsTheCredentialsAreUnavailable() throws Exception {
        Hub plain = startHub(Map.of());
        try {
            issuer.enqueueCallback(person("turnless@example.org"));
            URI authorize = URI.create(CLIENT.send(requestOn(plain.port(), "/login/oidc", null).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).headers().firstValue("Location").orElseThrow());
            String token = Browser.signIn(authorize, CLIENT_CALLBACK).get("access_token");

            HttpResponse<String> response = CLIENT.send(requestOn(plain.port(), "/turn-credentials", token).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(json(response).get("code").asText()).isEqualTo("turn_not_configured");
            JsonNode wellKnown = json(CLIENT.send(requestOn(plain.port(), "/.well-known/dpc-hub", null).GET().build(),
                    HttpResponse.BodyHandlers.ofString()));
            assertThat(wellKnown.get("features").toString()).doesNotContain("\"turn\"");
        } finally {
            plain.stop();
        }
    }

    private static Hub startHub(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(Map.of(
                "GOOGLE_ISSUER", issuer.issuerUrl("google").toString(),
                "GOOGLE_CLIENT_ID", "hub-google-client",
                "GOOGLE_CLIENT_SECRET", "hub-google-secret"));
        env.putAll(overrides);
        env = SystemTestEnvironment.oidcHubEnv(dataDir, databaseUrl, issuer, env);
        Hub started = new Hub(HubConfigLoader.load(env), CLOCK, new SecureRandom());
        started.start(0);
        return started;
    }

    private static PrometheusText scrape() throws Exception {
        HttpResponse<String> response = get("/metrics", null);
        assertThat(response.statusCode()).isEqualTo(200);
        return PrometheusText.parse(response.body());
    }

    private static long delta(PrometheusText before, PrometheusText after, String name, Map<String, String> labels) {
        return Math.round(after.valueOrZero(name, labels) - before.valueOrZero(name, labels));
    }

    private static Map<String, String> signIn(String email) throws Exception {
        issuer.enqueueCallback(person(email));
        HttpResponse<String> login = get("/login/oidc", null);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(302);
        return Browser.signIn(URI.create(login.headers().firstValue("Location").orElseThrow()), CLIENT_CALLBACK);
    }

    private static DefaultOAuth2TokenCallback person(String email) {
        return new DefaultOAuth2TokenCallback("oidc", "subject-" + email, "JWT", null,
                Map.of("email", email, "email_verified", true), 3600);
    }

    private static String wsUrl(String token) {
        return "ws://127.0.0.1:" + hub.port() + "/ws/signal?token=" + token;
    }

    private static String registration(String device) throws Exception {
        return JSON.writeValueAsString(Map.of("node_id", fixture(device + "/node.id").strip(),
                "public_key", fixture(device + "/public_key.pem"), "certificate", fixture(device + "/node.crt")));
    }

    private static String fixture(String name) throws Exception {
        try (var in = OperationsSystemTest.class.getResourceAsStream("/field-client-identities/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static HttpRequest.Builder request(String path, String bearer) {
        return requestOn(hub.port(), path, bearer);
    }

    private static HttpRequest.Builder requestOn(int port, String path, String bearer) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return builder;
    }

    private static HttpResponse<String> get(String path, String bearer) throws Exception {
        return CLIENT.send(request(path, bearer).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String body, String bearer) throws Exception {
        return CLIENT.send(request(path, bearer).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }
}
