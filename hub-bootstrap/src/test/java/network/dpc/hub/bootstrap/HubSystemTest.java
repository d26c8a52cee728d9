package network.dpc.hub.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import network.dpc.hub.adapter.persistence.DatabaseUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The assembled hub on its own embedded PostgreSQL, probed over real HTTP. */
class HubSystemTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @TempDir
    Path dataDir;
    private Hub hub;

    @AfterEach
    void stopHub() {
        if (hub != null) {
            hub.stop();
        }
    }

    @Test
    void startsWithNoConfigurationAndAnswersHealthAndErrors() throws Exception {
        hub = startHub();

        assertThat(json(get("/")).get("project").asText()).isEqualTo("D-PC Federation Hub");
        JsonNode health = json(get("/health"));
        assertThat(health.get("status").asText()).isEqualTo("healthy");
        assertThat(health.get("database").asText()).isEqualTo("healthy");
        assertThat(health.get("version").asText()).isNotBlank().isNotEqualTo("unknown");
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);
        HttpResponse<String> missing = get("/definitely/not/here");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).get("code").asText()).isEqualTo("not_found");
        assertThat(Files.exists(dataDir.resolve("secret_key"))).isTrue();
    }

    @Test
    void aRestartKeepsTheDataAndTheSecret() throws Exception {
        hub = startHub();
        execute(hub.databaseUrlInUse(), "INSERT INTO users (id, email, provider, created_at) "
                + "VALUES ('00000000-0000-0000-0000-000000000001', 'kept@example.org', 'github', now())");
        String secret = Files.readString(dataDir.resolve("secret_key"));
        hub.stop();

        hub = startHub();

        assertThat(count(hub.databaseUrlInUse(), "SELECT count(*) FROM users WHERE email = 'kept@example.org'"))
                .isEqualTo(1);
        assertThat(Files.readString(dataDir.resolve("secret_key"))).isEqualTo(secret);
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void healthFollowsTheDatabaseDownAndBackUp() throws Exception {
        hub = startHub();
        hub.embeddedPostgres().stop();

        HttpResponse<String> down = await("/health", r -> json(r).get("status").asText().equals("degraded"));
        assertThat(json(down).get("database").asText()).startsWith("unhealthy: ");
        HttpResponse<String> notReady = get("/health/ready");
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(json(notReady).get("code").asText()).isEqualTo("not_ready");
        assertThat(get("/health/live").statusCode()).isEqualTo(200);

        hub.embeddedPostgres().restart();

        await("/health/ready", r -> r.statusCode() == 200);
        assertThat(json(get("/health")).get("database").asText()).isEqualTo("healthy");
    }

    private Hub startHub() {
        Hub started = new Hub(HubConfigLoader.load(Map.of("DATA_DIR", dataDir.toString(), "HOST", "127.0.0.1")));
        started.start(0);
        return started;
    }

    private HttpResponse<String> await(String path, Predicate<HttpResponse<String>> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> last = get(path);
        while (!condition.test(last)) {
            assertThat(System.nanoTime()).as("waiting for %s, last answer %s", path, last.body())
                    .isLessThan(deadline);
            Thread.onSpinWait();
            last = get(path);
        }
        return last;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.port() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    private static void execute(DatabaseUrl url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user().orElse(null),
                url.password().orElse(null)); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long count(DatabaseUrl url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user().orElse(null),
                url.password().orElse(null)); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
