package network.dpc.hub.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
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
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import network.dpc.hub.adapter.http.signaling.WsClient;
import network.dpc.hub.adapter.oauth.Browser;
import network.dpc.hub.adapter.oauth.LocalHttpServer;
import network.dpc.hub.adapter.oauth.LocalHttpServer.Reply;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sign-in end to end through the assembled hub, as the field client and a browser do it: against a real local
 * OpenID Connect server (as {@code oidc} and as Google) and a local GitHub-shaped server, ending at the client
 * callback, then refresh, {@code /users/me}, logout and the token rules on the wire. Each test gets a fresh
 * database on the shared embedded PostgreSQL (the embedded default itself is covered by {@link HubSystemTest}).
 */
class AccountFlowSystemTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final URI CLIENT_CALLBACK = URI.create("http://127.0.0.1:8080/callback");
    private static MockOAuth2Server issuer;

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final LocalHttpServer github = new LocalHttpServer();
    private final AtomicInteger githubCodes = new AtomicInteger();
    private final AtomicReference<String> githubUser = new AtomicReference<>(
            "{\"login\":\"octo\",\"id\":42,\"email\":null}");
    private final AtomicReference<String> githubEmails = new AtomicReference<>(
            "[{\"email\":\"octo@example.org\",\"primary\":true,\"verified\":true}]");
    private final MutableClock clock = new MutableClock(java.time.Instant.now());

    @TempDir
    Path dataDir;
    private String databaseUrl;
    private Hub hub;
    private Hub second;

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
    void freshDatabase() {
        databaseUrl = TestDatabase.newEmptyDatabase().jdbcUrl() + "?user=postgres";
    }

    @BeforeEach
    void githubShapedServer() {
        github.route("/login/oauth/authorize", request -> {
            Map<String, String> q = Browser.query(URI.create("http://x/?" + request.query()));
            return Reply.redirect(q.get("redirect_uri") + "?code=gh-" + githubCodes.incrementAndGet() + "&state="
                    + URLEncoder.encode(q.get("state"), StandardCharsets.UTF_8));
        });
        github.route("/login/oauth/access_token", request -> Reply.json(200,
                "{\"access_token\":\"gh-token\",\"token_type\":\"bearer\",\"scope\":\"read:user,user:email\"}"));
        github.route("/api/user", request -> githubUser.get().startsWith("500")
                ? Reply.json(500, "{}") : Reply.json(200, githubUser.get()));
        github.route("/api/user/emails", request -> Reply.json(200, githubEmails.get()));
    }

    @AfterEach
    void stopAll() {
        if (second != null) {
            second.stop();
        }
        if (hub != null) {
            hub.stop();
        }
        github.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"oidc", "google"})
    void openIdConnectSignInEndsAtTheClientCallbackWithWorkingTokens(String provider) throws Exception {
        hub = start(Map.of());
        issuer.enqueueCallback(person(provider, "Ada@Example.org", true));

        Map<String, String> result = signIn(provider, Map.of());

        assertThat(result).containsKeys("access_token", "refresh_token").doesNotContainKey("error");
        JsonNode access = payload(result.get("access_token"));
        assertThat(access.get("type").asText()).isEqualTo("access");
        assertThat(access.get("exp").isIntegralNumber()).isTrue();
        assertThat(access.get("exp").asLong() - access.get("iat").asLong()).isEqualTo(30 * 60);
        assertThat(access.get("sub").asText()).doesNotContain("@");
        assertThat(access.has("jti")).isTrue();
        assertThat(access.has("iss")).isTrue();
        assertThat(payload(result.get("refresh_token")).get("type").asText()).isEqualTo("refresh");

        HttpResponse<String> me = get("/users/me", result.get("access_token"));
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(json(me).get("email").asText()).isEqualTo("ada@example.org");
        assertThat(json(me).get("provider").asText()).isEqualTo(provider);
        assertThat(json(me).get("id").asText()).isEqualTo(access.get("sub").asText());
        assertThat(json(me).get("node_id").isNull()).isTrue();
        assertThat(json(me).get("profile").isNull()).isTrue();
        assertThat(json(me).get("created_at").asText()).isNotBlank();
    }

    @Test
    void gitHubWithoutPublicEmailUsesTheVerifiedPrimaryAndJoinsTheSameAccount() throws Exception {
        hub = start(Map.of());
        issuer.enqueueCallback(person("oidc", "octo@example.org", true));
        Map<String, String> viaOidc = signIn("oidc", Map.of());

        Map<String, String> viaGithub = signIn("github", Map.of());

        assertThat(payload(viaGithub.get("access_token")).get("sub").asText())
                .isEqualTo(payload(viaOidc.get("access_token")).get("sub").asText());
        assertThat(json(get("/users/me", viaGithub.get("access_token"))).get("provider").asText())
                .isEqualTo("github");
        assertThat(countUsers()).isEqualTo(1);
    }

    @Test
    void providerFailuresAndUnverifiedEmailsReachTheClientAsErrorsAndStoreNothing() throws Exception {
        hub = start(Map.of());
        githubEmails.set("[{\"email\":\"octo@example.org\",\"primary\":true,\"verified\":false}]");
        Map<String, String> unverified = signIn("github", Map.of());
        assertThat(unverified.get("error")).isEqualTo("email_not_verified");
        assertThat(unverified.get("error_description")).isNotBlank();
        assertThat(unverified).doesNotContainKeys("access_token", "refresh_token");

        githubUser.set("500");
        assertThat(signIn("github", Map.of()).get("error")).isEqualTo("provider_error");

        issuer.enqueueCallback(person("oidc", "eve@example.org", false));
        assertThat(signIn("oidc", Map.of()).get("error")).isEqualTo("email_not_verified");
        assertThat(countUsers()).isZero();
    }

    @Test
    void stateMustBeKnownUnusedAndOfTheSameProvider() throws Exception {
        hub = start(Map.of());
        HttpResponse<String> missing = get("/auth/oidc/callback?code=abc", null);
        assertJsonError(missing, 400, "invalid_state");
        assertJsonError(get("/auth/oidc/callback?code=abc&state=forged", null), 400, "invalid_state");

        URI githubAuthorize = location(get("/login/github", null));
        String state = Browser.query(githubAuthorize).get("state");
        assertJsonError(get("/auth/oidc/callback?code=abc&state=" + state, null), 400, "invalid_state");
        assertJsonError(get("/auth/github/callback?code=gh-1&state=" + state, null), 400, "invalid_state");

        URI again = location(get("/login/github", null));
        String fresh = Browser.query(again).get("state");
        URI denied = location(get("/auth/github/callback?error=access_denied&error_description=No+thanks&state="
                + fresh, null));
        assertThat(denied.toString()).startsWith(CLIENT_CALLBACK + "?");
        assertThat(Browser.query(denied)).containsEntry("error", "access_denied")
                .containsEntry("error_description", "No thanks");
        assertThat(countUsers()).isZero();
    }

    @Test
    void redirectUriMustBeLoopbackAndProvidersMustBeKnownAndConfigured() throws Exception {
        hub = start(Map.of("GITHUB_CLIENT_ID", "", "GITHUB_CLIENT_SECRET", ""));
        assertJsonError(get("/login/oidc?redirect_uri=https://evil.example.org/cb", null), 400,
                "invalid_redirect_uri");
        assertJsonError(get("/login/myspace", null), 404, "unknown_provider");
        HttpResponse<String> unconfigured = get("/login/github", null);
        assertJsonError(unconfigured, 503, "provider_not_configured");
        assertThat(json(unconfigured).get("detail").asText()).contains("GITHUB_CLIENT_ID");

        issuer.enqueueCallback(person("oidc", "loop@example.org", true));
        URI authorize = location(get("/login/oidc?redirect_uri="
                + URLEncoder.encode("http://127.0.0.1:51234/done", StandardCharsets.UTF_8), null));
        Map<String, String> result = Browser.signIn(authorize, URI.create("http://127.0.0.1:51234/done"));
        assertThat(result).containsKeys("access_token", "refresh_token");
    }

    @Test
    void refreshKeepsTheRefreshTokenAndLogoutRevokesOnTheWire() throws Exception {
        hub = start(Map.of());
        issuer.enqueueCallback(person("oidc", "bob@example.org", true));
        Map<String, String> tokens = signIn("oidc", Map.of());

        HttpResponse<String> refreshed = post("/refresh", "{\"refresh_token\":\"" + tokens.get("refresh_token")
                + "\"}", "application/json", null);
        assertThat(refreshed.statusCode()).isEqualTo(200);
        assertThat(json(refreshed).get("token_type").asText()).isEqualTo("bearer");
        String newAccess = json(refreshed).get("access_token").asText();
        assertThat(get("/users/me", newAccess).statusCode()).isEqualTo(200);
        assertThat(post("/refresh", "{\"refresh_token\":\"" + tokens.get("refresh_token") + "\"}",
                "application/json", null).statusCode()).isEqualTo(200);
        assertJsonError(post("/refresh", "{\"refresh_token\":\"" + tokens.get("access_token") + "\"}",
                "application/json", null), 401, "invalid_token");
        assertJsonError(get("/users/me", tokens.get("refresh_token")), 401, "invalid_token");

        HttpResponse<String> logout = client.send(request("/logout", tokens.get("access_token"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(logout.statusCode()).isEqualTo(200);
        assertThat(json(logout).get("message").asText()).isEqualTo("Successfully logged out");
        assertThat(json(logout).has("node_id")).isTrue();

        HttpResponse<String> revoked = get("/users/me", tokens.get("access_token"));
        assertJsonError(revoked, 401, "token_revoked");
        assertThat(revoked.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                v -> assertThat(v).startsWith("Bearer"));
        assertThat(get("/users/me", newAccess).statusCode()).as("only the presented token").isEqualTo(200);
        assertThat(json(get("/health", null)).get("blacklist_size").asLong()).isEqualTo(1);
        assertThat(tableText("token_revocations")).doesNotContain(tokens.get("access_token"));
    }

    @Test
    void logoutEverywhereAndTamperedTokensAreRefused() throws Exception {
        hub = start(Map.of());
        issuer.enqueueCallback(person("oidc", "carl@example.org", true));
        Map<String, String> first = signIn("oidc", Map.of());
        issuer.enqueueCallback(person("oidc", "carl@example.org", true));
        Map<String, String> other = signIn("oidc", Map.of());

        assertThat(post("/logout?all=true", "", null, first.get("access_token")).statusCode()).isEqualTo(200);

        assertJsonError(get("/users/me", other.get("access_token")), 401, "token_revoked");
        assertJsonError(post("/refresh", "{\"refresh_token\":\"" + other.get("refresh_token") + "\"}",
                "application/json", null), 401, "token_revoked");

        String[] parts = first.get("access_token").split("\\.");
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        assertJsonError(get("/users/me", none + "." + parts[1] + "."), 401, "invalid_token");
        assertJsonError(get("/users/me", parts[0] + "." + parts[1] + "x." + parts[2]), 401, "invalid_token");
        assertJsonError(get("/users/me", null), 401, "not_authenticated");
        HttpResponse<String> malformed = client.send(request("/users/me", null).header("Authorization", "Basic x")
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertJsonError(malformed, 401, "not_authenticated");
    }

    @Test
    void expiredAccessTokenIsRefusedAsExpired() throws Exception {
        hub = start(Map.of());
        issuer.enqueueCallback(person("oidc", "dora@example.org", true));
        Map<String, String> tokens = signIn("oidc", Map.of());

        clock.advance(Duration.ofMinutes(31));

        assertJsonError(get("/users/me", tokens.get("access_token")), 401, "token_expired");
    }

    @Test
    void pkceHubCodeFlowExchangesAtTheTokenEndpoint() throws Exception {
        hub = start(Map.of());
        String verifier = "v".repeat(20) + "-verifier-with-enough-entropy-12345";
        String challenge = network.dpc.hub.domain.login.Pkce.challengeOf(verifier);
        String redirect = "http://127.0.0.1:50505/cb";
        issuer.enqueueCallback(person("oidc", "nina@example.org", true));
        URI authorize = location(get("/login/oidc?redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8)
                + "&code_challenge=" + challenge + "&code_challenge_method=S256", null));
        Map<String, String> result = Browser.signIn(authorize, URI.create(redirect));
        assertThat(result).containsKey("code").doesNotContainKeys("access_token", "refresh_token");

        String form = "grant_type=authorization_code&code=" + result.get("code") + "&code_verifier=" + verifier
                + "&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8);
        HttpResponse<String> exchanged = post("/token", form, "application/x-www-form-urlencoded", null);
        assertThat(exchanged.statusCode()).isEqualTo(200);
        assertThat(json(exchanged).get("token_type").asText()).isEqualTo("bearer");
        assertThat(json(exchanged).get("expires_in").asLong()).isEqualTo(1800);
        assertThat(get("/users/me", json(exchanged).get("access_token").asText()).statusCode()).isEqualTo(200);

        HttpResponse<String> replay = post("/token", form, "application/x-www-form-urlencoded", null);
        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(json(replay).get("error").asText()).isEqualTo("invalid_grant");
        assertThat(json(replay).get("code").asText()).isEqualTo("invalid_grant");
        assertThat(json(replay).get("detail").asText()).isNotBlank();

        HttpResponse<String> viaRefresh = post("/token", "{\"grant_type\":\"refresh_token\",\"refresh_token\":\""
                + json(exchanged).get("refresh_token").asText() + "\"}", "application/json", null);
        assertThat(viaRefresh.statusCode()).isEqualTo(200);
        assertThat(json(viaRefresh).has("refresh_token")).isFalse();
        assertThat(json(post("/token", "grant_type=password", "application/x-www-form-urlencoded", null))
                .get("error").asText()).isEqualTo("unsupported_grant_type");
        assertThat(tableText("hub_codes")).doesNotContain(result.get("code"));
    }

    @Test
    void badBodiesAreJsonErrorsAndStoreNothing() throws Exception {
        hub = start(Map.of());
        assertJsonError(post("/refresh", "{not json", "application/json", null), 422, "invalid_json");
        assertJsonError(post("/refresh", "[1,2]", "application/json", null), 422, "validation_error");
        assertJsonError(post("/refresh", "{\"refresh_token\":5}", "application/json", null), 422,
                "validation_error");
        assertJsonError(post("/refresh", "{}", "application/json", null), 422, "validation_error");
        // Sent as careful clients send large bodies (Expect: 100-continue): the hub refuses on the length alone, and a
        // body it never reads could otherwise reset the connection before the client reads the 413 (HTTP's
        // early-response race; it made this test flaky).
        HttpRequest oversize = request("/refresh", null).expectContinue(true).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"refresh_token\":\""
                        + "x".repeat(70_000) + "\"}")).build();
        assertJsonError(client.send(oversize, HttpResponse.BodyHandlers.ofString()), 413, "payload_too_large");
        assertThat(countUsers()).isZero();
        assertThat(tableText("token_revocations")).isEmpty();
    }

    @Test
    void rateLimitsAreHitAndResetWithTheClock() throws Exception {
        hub = start(Map.of("RATE_LIMIT_ENABLED", "true"));
        for (int i = 0; i < 5; i++) {
            assertThat(get("/login/oidc", null).statusCode()).isEqualTo(302);
        }
        HttpResponse<String> limited = get("/login/oidc", null);
        assertJsonError(limited, 429, "rate_limited");
        assertThat(json(limited).get("detail").asText()).isEqualTo("Rate limit exceeded: 5 per 1 minute");
        assertThat(json(limited).get("error").asText()).isEqualTo("Rate limit exceeded: 5 per 1 minute");
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
        assertThat(get("/health", null).statusCode()).as("probes are never limited").isEqualTo(200);

        clock.advance(Duration.ofSeconds(60));

        assertThat(get("/login/oidc", null).statusCode()).isEqualTo(302);
    }

    @Test
    void rateLimitsCanBeSwitchedOff() throws Exception {
        hub = start(Map.of("RATE_LIMIT_ENABLED", "false"));
        for (int i = 0; i < 8; i++) {
            assertThat(get("/login/oidc", null).statusCode()).isEqualTo(302);
        }
    }

    @Test
    void revocationsSurviveARestartAndAreSharedByInstancesOnOneDatabase() throws Exception {
        hub = start(Map.of());
        issuer.enqueueCallback(person("oidc", "kim@example.org", true));
        Map<String, String> revokedOne = signIn("oidc", Map.of());
        issuer.enqueueCallback(person("oidc", "kim@example.org", true));
        Map<String, String> keptOne = signIn("oidc", Map.of());
        assertThat(post("/logout", "", null, revokedOne.get("access_token")).statusCode()).isEqualTo(200);
        second = new Hub(HubConfigLoader.load(baseEnv(Map.of())), clock, new SecureRandom());
        int secondPort = second.start(0);
        assertJsonError(getOn(secondPort, "/users/me", revokedOne.get("access_token")), 401, "token_revoked");
        assertThat(getOn(secondPort, "/users/me", keptOne.get("access_token")).statusCode()).isEqualTo(200);

        assertThat(post("/logout", "", null, keptOne.get("access_token")).statusCode()).isEqualTo(200);
        long revoked = System.nanoTime();
        HttpResponse<String> refused = getOn(secondPort, "/users/me", keptOne.get("access_token"));
        while (refused.statusCode() == 200 && System.nanoTime() - revoked < 1_000_000_000L) {
            refused = getOn(secondPort, "/users/me", keptOne.get("access_token"));
        }
        assertJsonError(refused, 401, "token_revoked"); // another instance's revocation counts within a second
        second.stop();
        second = null;

        hub.stop();
        hub = start(Map.of());
        assertJsonError(get("/users/me", revokedOne.get("access_token")), 401, "token_revoked");
    }

    @Test
    void fieldClientIdentityRegistersAndShowsOnTheAccount() throws Exception {
        hub = start(Map.of());
        issuer.enqueueCallback(person("oidc", "node-owner@example.org", true));
        Map<String, String> owner = signIn("oidc", Map.of());
        String nodeId = fixture("device1/node.id").strip();

        HttpResponse<String> registered = post("/register-node-id", registration("device1"), "application/json",
                owner.get("access_token"));

        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        assertThat(json(registered).get("node_id").asText()).isEqualTo(nodeId);
        assertThat(json(registered).get("verified").asBoolean()).isTrue();
        assertThat(json(registered).get("message").asText())
                .isEqualTo("Node identity successfully registered and verified");
        JsonNode me = json(get("/users/me", owner.get("access_token")));
        assertThat(me.get("node_id").asText()).isEqualTo(nodeId);
        assertThat(me.get("node_id_verified").asBoolean()).isTrue();
        assertThat(me.get("nodes").get(0).get("node_id").asText()).isEqualTo(nodeId);

        issuer.enqueueCallback(person("oidc", "someone-else@example.org", true));
        Map<String, String> other = signIn("oidc", Map.of());
        HttpResponse<String> taken = post("/register-node-id", registration("device1"), "application/json",
                other.get("access_token"));
        assertJsonError(taken, 409, "node_id_taken");
        assertThat(json(taken).get("detail").asText()).contains("already registered");

        HttpResponse<String> logout = post("/logout", "", null, owner.get("access_token"));
        assertThat(json(logout).get("node_id").asText()).isEqualTo(nodeId);
    }

    @Test
    void twoRegisteredDevicesSignalEachOtherAndLogoutClosesTheSocket() throws Exception {
        hub = start(Map.of());
        issuer.enqueueCallback(person("oidc", "alice@example.org", true));
        Map<String, String> alice = signIn("oidc", Map.of());
        issuer.enqueueCallback(person("oidc", "bob@example.org", true));
        Map<String, String> bob = signIn("oidc", Map.of());
        String aliceNode = fixture("device1/node.id").strip();
        String bobNode = fixture("device2/node.id").strip();
        assertThat(post("/register-node-id", registration("device1"), "application/json", alice.get("access_token"))
                .statusCode()).isEqualTo(200);
        assertThat(post("/register-node-id", registration("device2"), "application/json", bob.get("access_token"))
                .statusCode()).isEqualTo(200);

        WsClient aliceSocket = WsClient.connect(wsUrl(alice.get("access_token")));
        WsClient bobSocket = WsClient.connect(wsUrl(bob.get("access_token")));
        JsonNode hello = aliceSocket.next();
        assertThat(hello.get("type").asText()).isEqualTo("auth_ok");
        assertThat(hello.get("message").asText()).isEqualTo("Successfully connected as " + aliceNode);
        assertThat(hello.get("node_id").asText()).isEqualTo(aliceNode);
        assertThat(bobSocket.next().get("node_id").asText()).isEqualTo(bobNode);
        assertThat(json(get("/presence/" + bobNode, alice.get("access_token"))).get("online").asBoolean()).isTrue();

        aliceSocket.send("{\"type\":\"signal\",\"target_node_id\":\"" + bobNode + "\",\"sender_node_id\":\"forged\","
                + "\"payload\":{\"type\":\"offer\",\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0\"}}}");
        JsonNode relayed = bobSocket.next();
        assertThat(relayed.get("type").asText()).isEqualTo("signal");
        assertThat(relayed.get("sender_node_id").asText()).isEqualTo(aliceNode);
        assertThat(relayed.get("payload").get("offer").get("sdp").asText()).isEqualTo("v=0");
        assertThat(json(get("/health", null)).get("websocket_connections").asLong()).isEqualTo(2);
        assertThat(allTablesText()).as("no payload and no sender/target pair is stored")
                .doesNotContain("v=0").doesNotContain("offer")
                .doesNotContain(alice.get("access_token")).doesNotContain(bob.get("access_token"));

        assertThat(post("/logout", "", null, alice.get("access_token")).statusCode()).isEqualTo(200);

        assertThat(aliceSocket.awaitClose().code()).isEqualTo(4401);
        bobSocket.send("{\"type\":\"ping\",\"timestamp\":1.5}");
        assertThat(bobSocket.next().get("timestamp").asDouble()).isEqualTo(1.5);

        hub.stop();
        assertThat(bobSocket.awaitClose().code()).as("graceful shutdown").isEqualTo(1001);
        hub = null;
    }

    private String wsUrl(String token) {
        return "ws://127.0.0.1:" + hub.port() + "/ws/signal?token=" + token;
    }

    private static String registration(String device) {
        return SystemTestEnvironment.registration(device);
    }

    private static String fixture(String name) {
        return SystemTestEnvironment.fixture(name);
    }

    private Hub start(Map<String, String> overrides) {
        Hub started = new Hub(HubConfigLoader.load(baseEnv(overrides)), clock, new SecureRandom());
        started.start(0);
        return started;
    }

    private Map<String, String> baseEnv(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>();
        env.put("GOOGLE_ISSUER", issuer.issuerUrl("google").toString());
        env.put("GOOGLE_CLIENT_ID", "hub-google-client");
        env.put("GOOGLE_CLIENT_SECRET", "hub-google-secret");
        env.put("GITHUB_CLIENT_ID", "hub-github-client");
        env.put("GITHUB_CLIENT_SECRET", "hub-github-secret");
        env.put("GITHUB_BASE_URL", github.url("").toString());
        env.put("GITHUB_API_URL", github.url("/api").toString());
        env.putAll(overrides);
        return SystemTestEnvironment.oidcHubEnv(dataDir, databaseUrl, issuer, env);
    }

    private static DefaultOAuth2TokenCallback person(String issuerId, String email, boolean verified) {
        return SystemTestEnvironment.person(issuerId, email, verified);
    }

    private Map<String, String> signIn(String provider, Map<String, String> query) throws Exception {
        URI authorize = location(get("/login/" + provider, null));
        return Browser.signIn(authorize, CLIENT_CALLBACK);
    }

    private static URI location(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        return URI.create(response.headers().firstValue("Location").orElseThrow());
    }

    private HttpRequest.Builder request(String path, String bearer) {
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

    private HttpResponse<String> get(String path, String bearer) throws Exception {
        return getOn(hub.port(), path, bearer);
    }

    private HttpResponse<String> getOn(int port, String path, String bearer) throws Exception {
        return client.send(requestOn(port, path, bearer).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, String contentType, String bearer)
            throws Exception {
        HttpRequest.Builder builder = request(path, bearer).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertJsonError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/json"));
        assertThat(json(response).get("code").asText()).isEqualTo(code);
        assertThat(json(response).get("detail").asText()).isNotBlank();
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    private static JsonNode payload(String jwt) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    private long countUsers() throws Exception {
        try (Connection c = DriverManager.getConnection(databaseUrl);
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM users")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String allTablesText() throws Exception {
        StringBuilder text = new StringBuilder();
        try (Connection c = DriverManager.getConnection(databaseUrl); Statement s = c.createStatement();
                ResultSet tables = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
            java.util.List<String> names = new java.util.ArrayList<>();
            while (tables.next()) {
                names.add(tables.getString(1));
            }
            for (String name : names) {
                text.append(tableText(name));
            }
        }
        return text.toString();
    }

    private String tableText(String table) throws Exception {
        StringBuilder text = new StringBuilder();
        try (Connection c = DriverManager.getConnection(databaseUrl);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT t::text FROM " + table + " t")) {
            while (rs.next()) {
                text.append(rs.getString(1)).append('\n');
            }
        }
        return text.toString();
    }
}
