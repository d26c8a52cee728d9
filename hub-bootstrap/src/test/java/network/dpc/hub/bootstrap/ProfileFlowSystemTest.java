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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import network.dpc.hub.adapter.oauth.Browser;
import network.dpc.hub.adapter.persistence.TestDatabase;
import network.dpc.hub.application.fake.MutableClock;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Profiles and discovery end to end through the assembled hub on PostgreSQL: people sign in against a real local
 * OpenID Connect server, register the field client's identity, write profiles, find each other, and one deletes
 * their whole account.
 */
class ProfileFlowSystemTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final URI CLIENT_CALLBACK = URI.create("http://127.0.0.1:8080/callback");
    private static MockOAuth2Server issuer;

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final MutableClock clock = new MutableClock(Instant.now());

    @TempDir
    Path dataDir;
    private String databaseUrl;
    private Hub hub;

    @BeforeAll
    static void startIssuer() {
        issuer = new MockOAuth2Server();
        issuer.start();
    }

    @AfterAll
    static void stopIssuer() {
        issuer.shutdown();
    }

    @BeforeEach
    void startHub() {
        databaseUrl = TestDatabase.newEmptyDatabase().jdbcUrl() + "?user=postgres";
        Map<String, String> env = new HashMap<>();
        env.put("DATA_DIR", dataDir.toString());
        env.put("DATABASE_URL", databaseUrl);
        env.put("SECRET_KEY", "system-test-secret-key-with-enough-bytes-0123456789");
        env.put("HOST", "127.0.0.1");
        env.put("RATE_LIMIT_ENABLED", "false");
        env.put("OIDC_ISSUER", issuer.issuerUrl("oidc").toString());
        env.put("OIDC_CLIENT_ID", "hub-oidc-client");
        env.put("OIDC_CLIENT_SECRET", "hub-oidc-secret");
        hub = new Hub(HubConfigLoader.load(env), clock, new SecureRandom());
        hub.start(0);
    }

    @AfterEach
    void stopHub() {
        hub.stop();
    }

    @Test
    void peopleWriteProfilesFindEachOtherAndOneDeletesTheWholeAccount() throws Exception {
        String ada = signIn("ada@example.org");
        String bob = signIn("bob@example.org");
        String nodeId = fixture("device1/node.id").strip();
        assertThat(post("/register-node-id", registration("device1"), ada).statusCode()).isEqualTo(200);

        HttpResponse<String> written = put("/profile", """
                {"name": "Ada", "description": "Engines", "expertise": {"Machine Learning": 5, "Rust": 2},
                 "compute": {"gpu": "rtx", "cores": 16}, "p2p_uri_hint": null, "shoe_size": 38}""", ada);
        assertThat(written.statusCode()).as(written.body()).isEqualTo(200);
        assertThat(json(written).get("node_id").asText()).isEqualTo(nodeId);
        assertThat(json(written).get("compute").get("cores").intValue()).isEqualTo(16);

        JsonNode me = json(get("/users/me", ada));
        assertThat(me.get("profile").get("name").asText()).isEqualTo("Ada");
        assertThat(me.get("profile").get("expertise").get("Machine Learning").intValue()).isEqualTo(5);
        assertThat(me.get("profile").get("node_id").asText()).isEqualTo(nodeId);
        assertThat(json(get("/users/me", bob)).get("profile").isNull()).isTrue();

        HttpResponse<String> found = get("/discovery/search?q=machine%20learning&min_level=4", bob);
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        assertThat(json(found).get("total").asLong()).isEqualTo(1);
        JsonNode hit = json(found).get("results").get(0);
        assertThat(hit.get("node_id").asText()).isEqualTo(nodeId);
        assertThat(hit.get("verified").booleanValue()).isTrue();
        assertThat(hit.get("online").booleanValue()).isFalse();
        assertThat(json(get("/discovery/search?q=mach&match=prefix", bob)).get("total").asLong()).isEqualTo(1);
        assertThat(json(get("/profile/" + nodeId, bob)).get("name").asText()).isEqualTo("Ada");
        HttpResponse<String> invalid = put("/profile", "{\"name\": \"\", \"expertise\": {\"Go\": 9}}", bob);
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(json(invalid).get("errors")).extracting(e -> e.get("field").asText())
                .containsExactlyInAnyOrder("name", "expertise.Go");

        HttpResponse<String> deleted = client.send(request("/profile", ada).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(get("/users/me", ada).statusCode()).isEqualTo(401);
        assertThat(get("/profile", ada).statusCode()).isEqualTo(401);
        assertThat(json(get("/discovery/search?q=machinelearning", bob)).get("total").asLong()).isZero();
        assertThat(count("SELECT count(*) FROM users")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM profiles")).isZero();
        assertThat(count("SELECT count(*) FROM node_identities")).isZero();
        assertThat(count("SELECT coalesce(sum(profiles), 0) FROM topic_counts")).isZero();
        HttpResponse<String> takenOver = post("/register-node-id", registration("device1"), bob);
        assertThat(takenOver.statusCode()).as("the node id is free again").isEqualTo(200);
    }

    private String signIn(String email) throws Exception {
        issuer.enqueueCallback(new DefaultOAuth2TokenCallback("oidc", "subject-" + email, "JWT", null,
                Map.of("email", email, "email_verified", true), 3600));
        HttpResponse<String> login = get("/login/oidc", null);
        assertThat(login.statusCode()).isEqualTo(302);
        Map<String, String> tokens = Browser.signIn(URI.create(login.headers().firstValue("Location").orElseThrow()),
                CLIENT_CALLBACK);
        assertThat(tokens).containsKey("access_token");
        return tokens.get("access_token");
    }

    private static String registration(String device) throws Exception {
        return JSON.writeValueAsString(Map.of("node_id", fixture(device + "/node.id").strip(),
                "public_key", fixture(device + "/public_key.pem"), "certificate", fixture(device + "/node.crt")));
    }

    private static String fixture(String name) throws Exception {
        try (var in = ProfileFlowSystemTest.class.getResourceAsStream("/field-client-identities/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private HttpRequest.Builder request(String path, String bearer) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.port() + path))
                .timeout(Duration.ofSeconds(10));
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return builder;
    }

    private HttpResponse<String> get(String path, String bearer) throws Exception {
        return client.send(request(path, bearer).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, String bearer) throws Exception {
        return client.send(request(path, bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> put(String path, String body, String bearer) throws Exception {
        return client.send(request(path, bearer).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(databaseUrl);
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
