package network.dpc.hub.adapter.oauth;

import static network.dpc.hub.adapter.oauth.Failures.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import network.dpc.hub.adapter.oauth.LocalHttpServer.Reply;
import network.dpc.hub.adapter.oauth.LocalHttpServer.Request;
import network.dpc.hub.application.port.out.IdentityProvider.AuthorizationCallback;
import network.dpc.hub.application.port.out.IdentityProvider.VerifiedIdentity;
import network.dpc.hub.domain.shared.ErrorKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole GitHub sign-in against a local GitHub-shaped server written here: an authorize page that redirects
 * back with a code, a token endpoint that checks client credentials and the PKCE verifier (and refuses codes the
 * way GitHub does, with HTTP 200 and an {@code error}), and the {@code /user} and {@code /user/emails} API.
 */
class ScribeJavaGitHubIdentityProviderTest {

    private static final String CLIENT_ID = "Iv1.hubclient";
    private static final String CLIENT_SECRET = "github-client-secret-0123456789abcdef";
    private static final String ACCESS_TOKEN = "gho_accesstoken0123456789";
    private static final ProviderHttpSettings FAST =
            new ProviderHttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), 64 * 1024);

    private final LocalHttpServer github = new LocalHttpServer();
    private final Map<String, String> challengesByCode = new ConcurrentHashMap<>();
    private final Set<String> usedCodes = ConcurrentHashMap.newKeySet();
    private final AtomicInteger codes = new AtomicInteger();
    private final LoginAttempt attempt = LoginAttempt.fresh("github");
    private ScribeJavaGitHubIdentityProvider provider;

    @BeforeEach
    void githubLike() {
        github.route("/login/oauth/authorize", this::authorize);
        github.route("/login/oauth/access_token", this::accessToken);
        github.route("/api/v3/user", authenticated(request -> Reply.json(200,
                "{\"login\":\"octo\",\"id\":583231,\"email\":\"Octo@GitHub.example\",\"name\":\"Octo Cat\"}")));
        github.route("/api/v3/user/emails", authenticated(request -> Reply.json(200, "[]")));
        provider = new ScribeJavaGitHubIdentityProvider(new GitHubProviderSettings(CLIENT_ID, CLIENT_SECRET,
                github.url(""), github.url("/api/v3")), FAST);
    }

    @AfterEach
    void stop() {
        github.close();
    }

    @Test
    void authorization_url_carries_code_flow_pkce_s256_scopes_and_state() {
        URI url = provider.authorizationUrl(attempt.request());

        assertThat(url.toString()).startsWith(github.url("/login/oauth/authorize") + "?");
        assertThat(Browser.query(url)).containsAllEntriesOf(Map.of(
                "response_type", "code",
                "client_id", CLIENT_ID,
                "redirect_uri", attempt.callbackUri().toString(),
                "scope", "read:user user:email",
                "state", attempt.state(),
                "code_challenge", LoginAttempt.s256(attempt.codeVerifier()),
                "code_challenge_method", "S256")).doesNotContainKey("nonce");
        assertThat(url.toString()).doesNotContain(CLIENT_SECRET);
    }

    @Test
    void a_public_profile_email_signs_the_person_in() {
        VerifiedIdentity identity = signIn();

        assertThat(identity).isEqualTo(new VerifiedIdentity("Octo@GitHub.example", "github", "583231"));
        assertThat(github.requestsTo("/api/v3/user/emails")).isEmpty();
        Request user = github.requestsTo("/api/v3/user").getFirst();
        assertThat(user.header("Authorization")).isEqualTo("Bearer " + ACCESS_TOKEN);
        assertThat(user.header("User-Agent")).isNotBlank();
    }

    @Test
    void without_a_public_email_the_primary_verified_address_is_used() {
        github.route("/api/v3/user", authenticated(request -> Reply.json(200,
                "{\"login\":\"octo\",\"id\":583231,\"email\":null}")));
        github.route("/api/v3/user/emails", authenticated(request -> Reply.json(200, "["
                + "{\"email\":\"old@example.org\",\"primary\":false,\"verified\":true,\"visibility\":null},"
                + "{\"email\":\"main@example.org\",\"primary\":true,\"verified\":true,\"visibility\":\"private\"}]")));

        assertThat(signIn().email()).isEqualTo("main@example.org");
    }

    @Test
    void an_unverified_primary_falls_back_to_the_first_verified_address() {
        github.route("/api/v3/user", authenticated(request -> Reply.json(200, "{\"login\":\"octo\",\"id\":7}")));
        github.route("/api/v3/user/emails", authenticated(request -> Reply.json(200, "["
                + "{\"email\":\"main@example.org\",\"primary\":true,\"verified\":false},"
                + "{\"email\":\"second@example.org\",\"primary\":false,\"verified\":true},"
                + "{\"email\":\"third@example.org\",\"primary\":false,\"verified\":true}]")));

        assertThat(signIn().email()).isEqualTo("second@example.org");
    }

    @Test
    void no_verified_address_is_refused() {
        github.route("/api/v3/user", authenticated(request -> Reply.json(200, "{\"login\":\"octo\",\"id\":7,"
                + "\"email\":null}")));
        github.route("/api/v3/user/emails", authenticated(request -> Reply.json(200, "["
                + "{\"email\":\"main@example.org\",\"primary\":true,\"verified\":false}]")));

        assertFails(this::signIn, ErrorKind.UNAUTHORIZED, "email_not_verified");
    }

    @Test
    void no_address_at_all_is_refused() {
        github.route("/api/v3/user", authenticated(request -> Reply.json(200, "{\"login\":\"octo\",\"id\":7,"
                + "\"email\":null}")));

        assertFails(this::signIn, ErrorKind.UNAUTHORIZED, "email_not_verified");
    }

    @Test
    void a_code_refused_the_github_way_is_an_exchange_failure() {
        LoginAttempt other = LoginAttempt.fresh("github");

        assertFails(() -> provider.complete(other.callback("never-issued")), ErrorKind.INVALID,
                "oauth_exchange_failed", CLIENT_SECRET);
    }

    @Test
    void a_code_is_good_for_one_exchange_only() {
        String code = Browser.signIn(provider.authorizationUrl(attempt.request()), attempt.callbackUri())
                .get("code");
        provider.complete(attempt.callback(code));

        assertFails(() -> provider.complete(attempt.callback(code)), ErrorKind.INVALID, "oauth_exchange_failed");
    }

    @Test
    void the_code_verifier_must_match_the_challenge() {
        String code = Browser.signIn(provider.authorizationUrl(attempt.request()), attempt.callbackUri())
                .get("code");
        LoginAttempt other = LoginAttempt.fresh("github");

        assertFails(() -> provider.complete(new AuthorizationCallback(code, other.codeVerifier(), null, attempt.callbackUri())),
                ErrorKind.INVALID, "oauth_exchange_failed");
    }

    @Test
    void a_400_invalid_grant_is_an_exchange_failure() {
        github.route("/login/oauth/access_token", request -> Reply.json(400, "{\"error\":\"invalid_grant\"}"));

        assertFails(() -> provider.complete(attempt.callback("code")), ErrorKind.INVALID, "oauth_exchange_failed");
    }

    @Test
    void wrong_client_credentials_are_a_provider_error() {
        github.route("/login/oauth/access_token", request -> Reply.json(200,
                "{\"error\":\"incorrect_client_credentials\",\"error_description\":\"The client_id and/or "
                        + "client_secret passed are incorrect.\"}"));

        assertFails(() -> provider.complete(attempt.callback("code")), ErrorKind.UNAVAILABLE, "provider_error",
                CLIENT_SECRET);
    }

    @Test
    void a_token_endpoint_500_is_a_provider_error() {
        github.route("/login/oauth/access_token", request -> Reply.text(500, "Internal Server Error"));

        assertFails(() -> provider.complete(attempt.callback("code")), ErrorKind.UNAVAILABLE, "provider_error");
    }

    @Test
    void a_user_api_500_is_a_provider_error() {
        github.route("/api/v3/user", request -> Reply.json(500, "{\"message\":\"Server Error\"}"));

        assertFails(this::signIn, ErrorKind.UNAVAILABLE, "provider_error", ACCESS_TOKEN);
    }

    @Test
    void an_emails_api_500_is_a_provider_error() {
        github.route("/api/v3/user", authenticated(request -> Reply.json(200, "{\"id\":7,\"email\":null}")));
        github.route("/api/v3/user/emails", request -> Reply.json(502, "{\"message\":\"Bad Gateway\"}"));

        assertFails(this::signIn, ErrorKind.UNAVAILABLE, "provider_error");
    }

    @Test
    void malformed_user_json_is_a_provider_error() {
        github.route("/api/v3/user", authenticated(request -> Reply.json(200, "{\"id\": 7, \"email\": ")));

        assertFails(this::signIn, ErrorKind.UNAVAILABLE, "provider_error");
    }

    @Test
    void a_user_without_id_is_a_provider_error() {
        github.route("/api/v3/user", authenticated(request -> Reply.json(200, "{\"email\":\"a@example.org\"}")));

        assertFails(this::signIn, ErrorKind.UNAVAILABLE, "provider_error");
    }

    @Test
    void an_oversized_api_answer_is_a_provider_error() {
        String huge = "[" + "{\"email\":\"x@example.org\",\"primary\":false,\"verified\":false},".repeat(2000)
                + "{\"email\":\"y@example.org\",\"primary\":true,\"verified\":true}]";
        github.route("/api/v3/user", authenticated(request -> Reply.json(200, "{\"id\":7,\"email\":null}")));
        github.route("/api/v3/user/emails", authenticated(request -> Reply.json(200, huge)));

        assertFails(this::signIn, ErrorKind.UNAVAILABLE, "provider_error");
    }

    @Test
    void connection_refused_is_a_provider_error() throws IOException {
        URI nowhere = URI.create("http://127.0.0.1:" + freePort());
        ScribeJavaGitHubIdentityProvider unreachable = new ScribeJavaGitHubIdentityProvider(
                new GitHubProviderSettings(CLIENT_ID, CLIENT_SECRET, nowhere, nowhere), FAST);

        assertFails(() -> unreachable.complete(attempt.callback("code")), ErrorKind.UNAVAILABLE, "provider_error",
                CLIENT_SECRET);
    }

    @Test
    void the_default_settings_point_at_github_com() {
        GitHubProviderSettings settings = GitHubProviderSettings.of(CLIENT_ID, CLIENT_SECRET);

        assertThat(settings.baseUrl()).isEqualTo(URI.create("https://github.com"));
        assertThat(settings.apiUrl()).isEqualTo(URI.create("https://api.github.com"));
        assertThat(new ScribeJavaGitHubIdentityProvider(settings).authorizationUrl(attempt.request()).toString())
                .startsWith("https://github.com/login/oauth/authorize?");
    }

    private VerifiedIdentity signIn() {
        Map<String, String> returned = Browser.signIn(provider.authorizationUrl(attempt.request()),
                attempt.callbackUri());
        assertThat(returned).containsEntry("state", attempt.state());
        return provider.complete(attempt.callback(returned.get("code")));
    }

    private Reply authorize(Request request) {
        Map<String, String> query = Browser.query(URI.create("http://x/?" + request.query()));
        String code = "code-" + codes.incrementAndGet();
        challengesByCode.put(code, query.get("code_challenge"));
        return Reply.redirect(query.get("redirect_uri") + "?code=" + code + "&state=" + query.get("state"));
    }

    /** GitHub's token endpoint: client credentials in the body, refusals as HTTP 200 with an {@code error}. */
    private Reply accessToken(Request request) {
        Map<String, String> form = request.form();
        if (!CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))) {
            return Reply.json(200, "{\"error\":\"incorrect_client_credentials\"}");
        }
        String challenge = challengesByCode.get(form.get("code"));
        boolean verifierMatches = challenge != null && form.get("code_verifier") != null
                && challenge.equals(LoginAttempt.s256(form.get("code_verifier")));
        if (!verifierMatches || !usedCodes.add(form.get("code"))) {
            return Reply.json(200, "{\"error\":\"bad_verification_code\","
                    + "\"error_description\":\"The code passed is incorrect or expired.\"}");
        }
        if (!"application/json".equals(request.header("Accept"))) {
            return Reply.text(200, "access_token=" + ACCESS_TOKEN + "&scope=read%3Auser&token_type=bearer");
        }
        return Reply.json(200, "{\"access_token\":\"" + ACCESS_TOKEN
                + "\",\"scope\":\"read:user,user:email\",\"token_type\":\"bearer\"}");
    }

    private static Function<Request, Reply> authenticated(Function<Request, Reply> handler) {
        return request -> ("Bearer " + ACCESS_TOKEN).equals(request.header("Authorization"))
                ? handler.apply(request)
                : Reply.json(401, "{\"message\":\"Requires authentication\"}");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
