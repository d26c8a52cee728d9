package network.dpc.hub.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import network.dpc.hub.adapter.oauth.jwt.NimbusTokenCodec;
import network.dpc.hub.adapter.persistence.DatabaseUrl;
import network.dpc.hub.adapter.persistence.JdbiRevocationStore;
import network.dpc.hub.adapter.persistence.JdbiUserRepository;
import network.dpc.hub.adapter.persistence.PostgresDatabase;
import network.dpc.hub.adapter.persistence.bus.InstanceBusSettings;
import network.dpc.hub.application.auth.TokenAuthority;
import network.dpc.hub.domain.token.TokenType;
import network.dpc.hub.domain.user.Email;
import network.dpc.hub.domain.user.User;

/**
 * Several assembled hubs on one PostgreSQL database with one shared secret, as a deployment behind a load balancer
 * runs them, plus what tests and the benchmark need around them: accounts with access tokens (signed with the
 * shared secret, as any instance would sign them), plain HTTP calls to a chosen instance, and bounded waits.
 */
final class HubCluster implements AutoCloseable {

    static final String SECRET = "cluster-test-secret-key-with-enough-bytes-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DatabaseUrl database;
    private final Path dataDir;
    private final InstanceBusSettings busSettings;
    private final List<Hub> hubs = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private PostgresDatabase accounts;
    private TokenAuthority tokens;

    HubCluster(DatabaseUrl database, Path dataDir, InstanceBusSettings busSettings) {
        this.database = database;
        this.dataDir = dataDir;
        this.busSettings = busSettings;
    }

    /** Starts one more instance and returns it. */
    Hub start() {
        Map<String, String> env = new HashMap<>();
        env.put("DATA_DIR", dataDir.toString());
        env.put("DATABASE_URL", database.jdbcUrl() + (database.jdbcUrl().contains("?") ? "&" : "?") + "user="
                + database.user().orElse("postgres"));
        env.put("SECRET_KEY", SECRET);
        env.put("HOST", "127.0.0.1");
        env.put("RATE_LIMIT_ENABLED", "false");
        Hub hub = new Hub(HubConfigLoader.load(env), Clock.systemUTC(), new SecureRandom());
        hub.instanceBusSettings(busSettings);
        hub.start(0);
        hubs.add(hub);
        return hub;
    }

    /** A new account and an access token for it, valid on every instance. */
    String accessTokenOfNewUser(String email) {
        if (tokens == null) {
            accounts = PostgresDatabase.open(database, 2);
            tokens = new TokenAuthority(new NimbusTokenCodec("HS256", SECRET),
                    new JdbiRevocationStore(accounts.jdbi(), Clock.systemUTC()), new JdbiUserRepository(accounts.jdbi()),
                    Clock.systemUTC(), new SecureRandom(), new TokenAuthority.TokenSettings("dpc-hub",
                            Duration.ofMinutes(30), Duration.ofDays(7)));
        }
        User user = User.register(new Email(email), "oidc", Instant.now());
        new JdbiUserRepository(accounts.jdbi()).save(user);
        return tokens.issue(user, TokenType.ACCESS);
    }

    static String wsUrl(Hub hub, String token) {
        return "ws://127.0.0.1:" + hub.port() + "/ws/signal?token=" + token;
    }

    HttpResponse<String> get(Hub hub, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.port() + path))
                .timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.GET().build());
    }

    HttpResponse<String> post(Hub hub, String path, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.port() + path))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    long count(String sql) {
        if (accounts == null) {
            accounts = PostgresDatabase.open(database, 2);
        }
        return accounts.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    /** Forgets a hub the test stopped or crashed itself. */
    void forget(Hub hub) {
        hubs.remove(hub);
    }

    @Override
    public void close() {
        hubs.forEach(Hub::stop);
        hubs.clear();
        if (accounts != null) {
            accounts.close();
        }
    }
}
