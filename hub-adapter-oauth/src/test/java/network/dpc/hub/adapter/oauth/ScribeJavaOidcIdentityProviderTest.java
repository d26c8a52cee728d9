package network.dpc.hub.adapter.oauth;

import static network.dpc.hub.adapter.oauth.Failures.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import network.dpc.hub.application.fake.MutableClock;
import network.dpc.hub.application.port.out.IdentityProvider.AuthorizationCallback;
import network.dpc.hub.application.port.out.IdentityProvider.VerifiedIdentity;
import network.dpc.hub.domain.shared.ErrorKind;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole authorization code flow against a real local OpenID Connect server (mock-oauth2-server), once as the
 * generic {@code oidc} provider and once as the Google-shaped provider whose issuer is a stand-in.
 */
class ScribeJavaOidcIdentityProviderTest {

    private static final String CLIENT_ID = "hub-client";
    private static final String CLIENT_SECRET = "s3cr3t-client-secret-value";
    private static final ProviderHttpSettings FAST =
            new ProviderHttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), 256 * 1024);

    private static MockOAuth2Server server;

    private final MutableClock clock = new MutableClock(Instant.now());
    private final String issuerId = "issuer-" + UUID.randomUUID();

    @BeforeAll
    static void startIssuer() {
        server = new MockOAuth2Server();
        server.start();
    }

    @AfterAll
    static void stopIssuer() {
        server.shutdown();
    }

    @ParameterizedTest
    @ValueSource(strings = {"oidc", "google"})
    void signs_a_person_in_with_their_verified_email(String name) {
        ScribeJavaOidcIdentityProvider provider = provider(name);
        server.enqueueCallback(callback("person-1", Map.of("email", "Ada@Example.org", "email_verified", true)));

        VerifiedIdentity identity = signIn(provider, LoginAttempt.fresh(name));

        assertThat(identity).isEqualTo(new VerifiedIdentity("Ada@Example.org", name, "person-1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"oidc", "google"})
    void authorization_url_carries_code_flow_pkce_s256_scopes_state_and_nonce(String name) {
        LoginAttempt attempt = LoginAttempt.fresh(name);

        URI url = provider(name).authorizationUrl(attempt.request());

        assertThat(url.toString()).startsWith(server.authorizationEndpointUrl(issuerId).toString() + "?");
        assertThat(Browser.query(url)).containsAllEntriesOf(Map.of(
                "response_type", "code",
                "client_id", CLIENT_ID,
                "redirect_uri", attempt.callbackUri().toString(),
                "scope", "openid email profile",
                "state", attempt.state(),
                "nonce", attempt.nonce(),
                "code_challenge", LoginAttempt.s256(attempt.codeVerifier()),
                "code_challenge_method", "S256"));
        assertThat(url.toString()).doesNotContain(CLIENT_SECRET).doesNotContain(attempt.codeVerifier());
    }

    @Test
    void the_issuer_returns_the_state_it_was_given() {
        LoginAttempt attempt = LoginAttempt.fresh("oidc");

        Map<String, String> returned = Browser.signIn(provider("oidc").authorizationUrl(attempt.request()),
                attempt.callbackUri());

        assertThat(returned).containsEntry("state", attempt.state()).containsKey("code");
    }

    @Test
    void accepts_email_verified_sent_as_a_string() {
        ScribeJavaOidcIdentityProvider provider = provider("oidc");
        server.enqueueCallback(callback("person-2", Map.of("email", "b@example.org", "email_verified", "true")));

        assertThat(signIn(provider, LoginAttempt.fresh("oidc")).email()).isEqualTo("b@example.org");
    }

    @ParameterizedTest
    @ValueSource(strings = {"oidc", "google"})
    void refuses_an_unverified_email(String name) {
        ScribeJavaOidcIdentityProvider provider = provider(name);
        server.enqueueCallback(callback("person-3", Map.of("email", "c@example.org", "email_verified", false)));

        assertFails(() -> signIn(provider, LoginAttempt.fresh(name)), ErrorKind.UNAUTHORIZED, "email_not_verified");
    }

    @Test
    void refuses_an_email_whose_verification_is_not_stated() {
        ScribeJavaOidcIdentityProvider provider = provider("oidc");
        server.enqueueCallback(callback("person-4", Map.of("email", "d@example.org")));

        assertFails(() -> signIn(provider, LoginAttempt.fresh("oidc")), ErrorKind.UNAUTHORIZED,
                "email_not_verified");
    }

    @Test
    void refuses_an_id_token_without_email() {
        ScribeJavaOidcIdentityProvider provider = provider("oidc");
        server.enqueueCallback(callback("person-5", Map.of("email_verified", true)));

        assertFails(() -> signIn(provider, LoginAttempt.fresh("oidc")), ErrorKind.UNAUTHORIZED,
                "email_not_verified");
    }

    @Test
    void refuses_an_id_token_with_another_nonce() {
        ScribeJavaOidcIdentityProvider provider = provider("oidc");
        server.enqueueCallback(callback("person-6", Map.of("email", "e@example.org", "email_verified", true,
                "nonce", "a-nonce-from-another-attempt")));

        assertFails(() -> signIn(provider, LoginAttempt.fresh("oidc")), ErrorKind.UNAUTHORIZED, "invalid_id_token");
    }

    @Test
    void refuses_an_id_token_for_another_audience() {
        ScribeJavaOidcIdentityProvider provider = provider("oidc");
        server.enqueueCallback(callback("person-7", Map.of("email", "f@example.org", "email_verified", true,
                "aud", "some-other-client")));

        assertFails(() -> signIn(provider, LoginAttempt.fresh("oidc")), ErrorKind.UNAUTHORIZED, "invalid_id_token");
    }

    @Test
    void accepts_several_audiences_when_the_hub_is_the_authorized_party() {
        ScribeJavaOidcIdentityProvider provider = provider("oidc");
        server.enqueueCallback(callback("person-8", Map.of("email", "g@example.org", "email_verified", true,
                "aud", List.of(CLIENT_ID, "some-other-client"))));

        assertThat(signIn(provider, LoginAttempt.fresh("oidc")).subject()).isEqualTo("person-8");
    }

    @Test
    void refuses_an_expired_id_token() {
        ScribeJavaOidcIdentityProvider provider = provider("oidc");
        server.enqueueCallback(new DefaultOAuth2TokenCallback(issuerId, "person-9", "JWT", null,
                Map.of("email", "h@example.org", "email_verified", true), -600));

        assertFails(() -> signIn(provider, LoginAttempt.fresh("oidc")), ErrorKind.UNAUTHORIZED, "invalid_id_token");
    }

    @Test
    void judges_expiry_by_the_injected_clock() {
        ScribeJavaOidcIdentityProvider provider = provider("oidc");
        server.enqueueCallback(callback("person-10", Map.of("email", "i@example.org", "email_verified", true)));
        LoginAttempt attempt = LoginAttempt.fresh("oidc");
        Map<String, String> returned = Browser.signIn(provider.authorizationUrl(attempt.request()),
                attempt.callbackUri());

        clock.advance(Duration.ofHours(2));

        assertFails(() -> provider.complete(attempt.callback(returned.get("code"))), ErrorKind.UNAUTHORIZED,
                "invalid_id_token");
    }

    @Test
    void an_unknown_code_is_refused_by_the_issuer() {
        ScribeJavaOidcIdentityProvider provider = provider("oidc");
        LoginAttempt attempt = LoginAttempt.fresh("oidc");

        assertFails(() -> provider.complete(attempt.callback("made-up-code")), ErrorKind.INVALID,
                "oauth_exchange_failed", CLIENT_SECRET);
    }

    @Test
    void a_code_is_good_for_one_exchange_only() {
        ScribeJavaOidcIdentityProvider provider = provider("oidc");
        server.enqueueCallback(callback("person-11", Map.of("email", "j@example.org", "email_verified", true)));
        LoginAttempt attempt = LoginAttempt.fresh("oidc");
        String code = Browser.signIn(provider.authorizationUrl(attempt.request()), attempt.callbackUri()).get("code");
        provider.complete(attempt.callback(code));

        assertFails(() -> provider.complete(attempt.callback(code)), ErrorKind.INVALID, "oauth_exchange_failed");
    }

    @Test
    void the_code_verifier_is_checked_against_the_challenge() {
        ScribeJavaOidcIdentityProvider provider = provider("oidc");
        LoginAttempt attempt = LoginAttempt.fresh("oidc");
        String code = Browser.signIn(provider.authorizationUrl(attempt.request()), attempt.callbackUri()).get("code");
        LoginAttempt other = LoginAttempt.fresh("oidc");

        assertFails(() -> provider.complete(new AuthorizationCallback(code, other.codeVerifier(), attempt.nonce(), attempt.callbackUri())),
                ErrorKind.INVALID, "oauth_exchange_failed");
    }

    @Test
    void starts_while_the_issuer_is_down_and_discovers_once_it_is_up() throws IOException {
        int port = freePort();
        String issuer = "http://localhost:" + port + "/late-issuer";
        ScribeJavaOidcIdentityProvider provider = new ScribeJavaOidcIdentityProvider(
                OidcProviderSettings.oidc(URI.create(issuer), CLIENT_ID, CLIENT_SECRET), clock, FAST);
        LoginAttempt attempt = LoginAttempt.fresh("oidc");

        assertFails(() -> provider.authorizationUrl(attempt.request()), ErrorKind.UNAVAILABLE, "provider_error");

        MockOAuth2Server late = new MockOAuth2Server();
        late.start(port);
        try {
            late.enqueueCallback(new DefaultOAuth2TokenCallback("late-issuer", "person-12", "JWT", null,
                    Map.of("email", "k@example.org", "email_verified", true), 3600));
            assertThat(signIn(provider, attempt).email()).isEqualTo("k@example.org");
        } finally {
            late.shutdown();
        }
    }

    @Test
    void connection_refused_at_the_token_endpoint_is_a_provider_error() throws IOException {
        int port = freePort();
        MockOAuth2Server shortLived = new MockOAuth2Server();
        shortLived.start(port);
        ScribeJavaOidcIdentityProvider provider = new ScribeJavaOidcIdentityProvider(OidcProviderSettings.oidc(
                URI.create(shortLived.issuerUrl("gone").toString()), CLIENT_ID, CLIENT_SECRET), clock, FAST);
        LoginAttempt attempt = LoginAttempt.fresh("oidc");
        String code = Browser.signIn(provider.authorizationUrl(attempt.request()), attempt.callbackUri()).get("code");
        shortLived.shutdown();

        assertFails(() -> provider.complete(attempt.callback(code)), ErrorKind.UNAVAILABLE, "provider_error",
                CLIENT_SECRET);
    }

    private VerifiedIdentity signIn(ScribeJavaOidcIdentityProvider provider, LoginAttempt attempt) {
        Map<String, String> returned = Browser.signIn(provider.authorizationUrl(attempt.request()),
                attempt.callbackUri());
        assertThat(returned).containsEntry("state", attempt.state());
        return provider.complete(attempt.callback(returned.get("code")));
    }

    private ScribeJavaOidcIdentityProvider provider(String name) {
        return new ScribeJavaOidcIdentityProvider(new OidcProviderSettings(name,
                URI.create(server.issuerUrl(issuerId).toString()), CLIENT_ID, CLIENT_SECRET), clock, FAST);
    }

    private DefaultOAuth2TokenCallback callback(String subject, Map<String, Object> claims) {
        return new DefaultOAuth2TokenCallback(issuerId, subject, "JWT", null, claims, 3600);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
