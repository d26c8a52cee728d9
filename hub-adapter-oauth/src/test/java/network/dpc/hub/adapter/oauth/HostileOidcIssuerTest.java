package network.dpc.hub.adapter.oauth;

import static network.dpc.hub.adapter.oauth.Failures.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import network.dpc.hub.adapter.oauth.LocalHttpServer.Reply;
import network.dpc.hub.application.fake.MutableClock;
import network.dpc.hub.domain.shared.ErrorKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An OpenID Connect issuer written in the test so it can misbehave in ways a well-behaved server never does:
 * unsigned and foreign-signed ID tokens, broken discovery documents, failing or oversized token responses.
 */
class HostileOidcIssuerTest {

    private static final String CLIENT_ID = "hub-client";
    private static final String CLIENT_SECRET = "a-client-secret-that-is-at-least-32-bytes-long";
    private static final ProviderHttpSettings FAST =
            new ProviderHttpSettings(Duration.ofSeconds(2), Duration.ofMillis(700), 64 * 1024);

    private static RSAKey issuerKey;
    private static RSAKey foreignKey;

    private final MutableClock clock = new MutableClock(Instant.now());
    private final LocalHttpServer issuer = new LocalHttpServer();
    private final LoginAttempt attempt = LoginAttempt.fresh("oidc");
    private ScribeJavaOidcIdentityProvider provider;

    @BeforeAll
    static void keys() throws JOSEException {
        issuerKey = new RSAKeyGenerator(2048).keyID("issuer-key").generate();
        foreignKey = new RSAKeyGenerator(2048).keyID("issuer-key").generate();
    }

    @BeforeEach
    void wellBehavedByDefault() {
        issuer.route("/.well-known/openid-configuration", request -> Reply.json(200, discovery("RS256", "ES256")));
        issuer.route("/jwks", request -> Reply.json(200, new JWKSet(issuerKey.toPublicJWK()).toString()));
        issuer.route("/token", request -> tokenResponse(signed(issuerKey, JWSAlgorithm.RS256, claims().build())));
        provider = new ScribeJavaOidcIdentityProvider(
                OidcProviderSettings.oidc(issuer.url(""), CLIENT_ID, CLIENT_SECRET), clock, FAST);
    }

    @AfterEach
    void stop() {
        issuer.close();
    }

    @Test
    void a_well_behaved_answer_signs_the_person_in() {
        assertThat(provider.complete(attempt.callback("code-1")).email()).isEqualTo("eve@example.org");
    }

    @Test
    void sends_code_verifier_and_callback_and_authenticates_with_http_basic() {
        provider.complete(attempt.callback("code-1"));

        LocalHttpServer.Request token = issuer.requestsTo("/token").getFirst();
        assertThat(token.form()).containsEntry("grant_type", "authorization_code").containsEntry("code", "code-1")
                .containsEntry("code_verifier", attempt.codeVerifier())
                .containsEntry("redirect_uri", attempt.callbackUri().toString())
                .doesNotContainKey("client_secret");
        assertThat(token.header("Authorization")).startsWith("Basic ");
        assertThat(token.header("Accept")).isEqualTo("application/json");
    }

    @Test
    void authenticates_in_the_body_when_the_issuer_only_supports_client_secret_post() {
        issuer.route("/.well-known/openid-configuration", request -> Reply.json(200,
                discovery("RS256").replace("}", ",\"token_endpoint_auth_methods_supported\":[\"client_secret_post\"]}")));

        provider.complete(attempt.callback("code-1"));

        LocalHttpServer.Request token = issuer.requestsTo("/token").getFirst();
        assertThat(token.form()).containsEntry("client_id", CLIENT_ID).containsEntry("client_secret", CLIENT_SECRET);
        assertThat(token.header("Authorization")).isNull();
    }

    @Test
    void discovery_is_fetched_once_and_cached() {
        provider.authorizationUrl(attempt.request());
        provider.complete(attempt.callback("code-1"));
        provider.complete(attempt.callback("code-2"));

        assertThat(issuer.requestsTo("/.well-known/openid-configuration")).hasSize(1);
        assertThat(issuer.requestsTo("/jwks")).hasSize(1);
    }

    @Test
    void refuses_an_unsigned_alg_none_id_token() {
        String unsigned = new PlainJWT(claims().build()).serialize();
        issuer.route("/token", request -> tokenResponse(unsigned));

        assertFails(() -> provider.complete(attempt.callback("code-1")), ErrorKind.UNAUTHORIZED, "invalid_id_token");
    }

    @Test
    void refuses_an_id_token_signed_by_another_key_under_the_issuers_key_id() {
        issuer.route("/token", request -> tokenResponse(signed(foreignKey, JWSAlgorithm.RS256, claims().build())));

        assertFails(() -> provider.complete(attempt.callback("code-1")), ErrorKind.UNAUTHORIZED, "invalid_id_token");
    }

    @Test
    void refuses_an_id_token_signed_by_an_unknown_key() throws JOSEException {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("stranger").generate();
        issuer.route("/token", request -> tokenResponse(signed(stranger, JWSAlgorithm.RS256, claims().build())));

        assertFails(() -> provider.complete(attempt.callback("code-1")), ErrorKind.UNAUTHORIZED, "invalid_id_token");
        assertFails(() -> provider.complete(attempt.callback("code-2")), ErrorKind.UNAUTHORIZED, "invalid_id_token");
    }

    @Test
    void refuses_an_hmac_id_token_keyed_with_the_client_secret() throws JOSEException {
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
                claims().build());
        hmac.sign(new MACSigner(CLIENT_SECRET.getBytes(StandardCharsets.UTF_8)));
        issuer.route("/token", request -> tokenResponse(hmac.serialize()));

        assertFails(() -> provider.complete(attempt.callback("code-1")), ErrorKind.UNAUTHORIZED, "invalid_id_token",
                CLIENT_SECRET);
    }

    @Test
    void refuses_an_algorithm_the_issuer_does_not_advertise() {
        issuer.route("/.well-known/openid-configuration", request -> Reply.json(200, discovery("ES256")));

        assertFails(() -> provider.complete(attempt.callback("code-1")), ErrorKind.UNAUTHORIZED, "invalid_id_token");
    }

    @Test
    void refuses_an_id_token_from_another_issuer() {
        issuer.route("/token", request -> tokenResponse(signed(issuerKey, JWSAlgorithm.RS256,
                claims().issuer("https://evil.example").build())));

        assertFails(() -> provider.complete(attempt.callback("code-1")), ErrorKind.UNAUTHORIZED, "invalid_id_token");
    }

    @Test
    void refuses_an_id_token_authorized_for_another_party() {
        issuer.route("/token", request -> tokenResponse(signed(issuerKey, JWSAlgorithm.RS256,
                claims().audience(List.of(CLIENT_ID, "other-client")).claim("azp", "other-client").build())));

        assertFails(() -> provider.complete(attempt.callback("code-1")), ErrorKind.UNAUTHORIZED, "invalid_id_token");
    }

    @Test
    void refuses_an_id_token_without_nonce() {
        issuer.route("/token", request -> tokenResponse(signed(issuerKey, JWSAlgorithm.RS256,
                claims().claim("nonce", null).build())));

        assertFails(() -> provider.complete(attempt.callback("code-1")), ErrorKind.UNAUTHORIZED, "invalid_id_token");
    }

    @Test
    void refuses_an_id_token_not_yet_valid() {
        Date later = Date.from(clock.instant().plus(Duration.ofHours(1)));
        issuer.route("/token", request -> tokenResponse(signed(issuerKey, JWSAlgorithm.RS256,
                claims().notBeforeTime(later).build())));

        assertFails(() -> provider.complete(attempt.callback("code-1")), ErrorKind.UNAUTHORIZED, "invalid_id_token");
    }

    @Test
    void a_token_response_without_id_token_is_a_provider_error() {
        issuer.route("/token", request -> Reply.json(200, "{\"access_token\":\"at-1\",\"token_type\":\"Bearer\"}"));

        assertFails(() -> provider.complete(attempt.callback("code-1")), ErrorKind.UNAVAILABLE, "provider_error");
    }

    @Test
    void a_refused_code_is_an_exchange_failure() {
        issuer.route("/token", request -> Reply.json(400,
                "{\"error\":\"invalid_grant\",\"error_description\":\"code expired\"}"));

        assertFails(() -> provider.complete(attempt.callback("code-1")), ErrorKind.INVALID, "oauth_exchange_failed");
    }

    @Test
    void refused_client_credentials_are_a_provider_error() {
        issuer.route("/token", request -> Reply.json(401, "{\"error\":\"invalid_client\"}"));

        assertFails(() -> provider.complete(attempt.callback("code-1")), ErrorKind.UNAVAILABLE, "provider_error",
                CLIENT_SECRET);
    }

    @Test
    void a_token_endpoint_500_is_a_provider_error() {
        issuer.route("/token", request -> Reply.text(500, "upstream exploded"));

        assertFails(() -> provider.complete(attempt.callback("code-1")), ErrorKind.UNAVAILABLE, "provider_error");
    }

    @Test
    void a_malformed_token_response_is_a_provider_error() {
        issuer.route("/token", request -> Reply.json(200, "{\"access_token\": \"at-1\", oops"));

        assertFails(() -> provider.complete(attempt.callback("code-1")), ErrorKind.UNAVAILABLE, "provider_error");
    }

    @Test
    void an_oversized_token_response_is_a_provider_error() {
        String huge = "{\"access_token\":\"" + "a".repeat(100 * 1024) + "\"}";
        issuer.route("/token", request -> Reply.json(200, huge));

        assertFails(() -> provider.complete(attempt.callback("code-1")), ErrorKind.UNAVAILABLE, "provider_error");
    }

    @Test
    void a_token_endpoint_that_never_answers_times_out_as_a_provider_error() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        issuer.route("/token", request -> {
            await(release);
            return Reply.json(500, "{}");
        });
        try {
            long started = System.nanoTime();
            assertFails(() -> provider.complete(attempt.callback("code-1")), ErrorKind.UNAVAILABLE,
                    "provider_error");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        } finally {
            release.countDown();
        }
    }

    @Test
    void a_discovery_failure_is_a_provider_error_and_is_not_cached() {
        issuer.route("/.well-known/openid-configuration", request -> Reply.text(503, "maintenance"));

        assertFails(() -> provider.authorizationUrl(attempt.request()), ErrorKind.UNAVAILABLE, "provider_error");

        issuer.route("/.well-known/openid-configuration", request -> Reply.json(200, discovery("RS256")));
        assertThat(provider.authorizationUrl(attempt.request()).toString())
                .startsWith(issuer.url("/authorize").toString());
    }

    @Test
    void a_malformed_discovery_document_is_a_provider_error() {
        issuer.route("/.well-known/openid-configuration", request -> Reply.json(200, "<html>not json</html>"));

        assertFails(() -> provider.authorizationUrl(attempt.request()), ErrorKind.UNAVAILABLE, "provider_error");
    }

    @Test
    void a_discovery_document_for_another_issuer_is_a_provider_error() {
        issuer.route("/.well-known/openid-configuration", request -> Reply.json(200,
                discovery("RS256").replace(issuer.url("").toString(), "https://evil.example")));

        assertFails(() -> provider.authorizationUrl(attempt.request()), ErrorKind.UNAVAILABLE, "provider_error");
    }

    @Test
    void an_issuer_advertising_only_symmetric_or_no_signatures_is_a_provider_error() {
        issuer.route("/.well-known/openid-configuration", request -> Reply.json(200, discovery("HS256", "none")));

        assertFails(() -> provider.authorizationUrl(attempt.request()), ErrorKind.UNAVAILABLE, "provider_error");
    }

    @Test
    void an_unreachable_jwk_set_is_a_provider_error() {
        issuer.route("/jwks", request -> Reply.text(500, "down"));

        assertFails(() -> provider.complete(attempt.callback("code-1")), ErrorKind.UNAVAILABLE, "provider_error");
    }

    private JWTClaimsSet.Builder claims() {
        Instant now = clock.instant();
        return new JWTClaimsSet.Builder()
                .issuer(issuer.url("").toString())
                .subject("subject-1")
                .audience(CLIENT_ID)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .claim("nonce", attempt.nonce())
                .claim("email", "eve@example.org")
                .claim("email_verified", true);
    }

    private String discovery(String... algorithms) {
        UnaryOperator<String> at = path -> "\"" + issuer.url(path) + "\"";
        return "{\"issuer\":" + at.apply("") + ",\"authorization_endpoint\":" + at.apply("/authorize")
                + ",\"token_endpoint\":" + at.apply("/token") + ",\"jwks_uri\":" + at.apply("/jwks")
                + ",\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"public\"]"
                + ",\"id_token_signing_alg_values_supported\":[\"" + String.join("\",\"", algorithms) + "\"]}";
    }

    private static Reply tokenResponse(String idToken) {
        return Reply.json(200, "{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
                + "\"id_token\":\"" + idToken + "\"}");
    }

    private static String signed(RSAKey key, JWSAlgorithm algorithm, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
