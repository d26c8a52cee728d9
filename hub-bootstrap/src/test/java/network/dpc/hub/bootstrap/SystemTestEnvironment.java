package network.dpc.hub.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * Shared scaffolding of the system tests: the environment of a hub that signs people in through a local OpenID
 * Connect server (mock-oauth2-server) as its {@code oidc} provider, the people that server vouches for, and the
 * node identities made by the field client.
 */
final class SystemTestEnvironment {

    static final String SECRET = "system-test-secret-key-with-enough-bytes-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IDENTITIES = "/field-client-identities/";

    private SystemTestEnvironment() {
    }

    /**
     * Settings for a hub on 127.0.0.1 with the given data directory and database, rate limits off, and
     * {@code issuer}'s {@code oidc} issuer as the {@code oidc} provider; {@code overrides} win, and an empty value
     * removes a setting.
     */
    static Map<String, String> oidcHubEnv(Path dataDir, String databaseUrl, MockOAuth2Server issuer,
            Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>();
        env.put("DATA_DIR", dataDir.toString());
        env.put("DATABASE_URL", databaseUrl);
        env.put("SECRET_KEY", SECRET);
        env.put("HOST", "127.0.0.1");
        env.put("RATE_LIMIT_ENABLED", "false");
        env.put("OIDC_ISSUER", issuer.issuerUrl("oidc").toString());
        env.put("OIDC_CLIENT_ID", "hub-oidc-client");
        env.put("OIDC_CLIENT_SECRET", "hub-oidc-secret");
        env.putAll(overrides);
        env.values().removeIf(String::isEmpty);
        return env;
    }

    /** The sign-in the local issuer answers next: a person with this e-mail address. */
    static DefaultOAuth2TokenCallback person(String issuerId, String email, boolean verified) {
        return new DefaultOAuth2TokenCallback(issuerId, "subject-" + email, "JWT", null,
                Map.of("email", email, "email_verified", verified), 3600);
    }

    /** A file of the field-client identities, e.g. {@code device1/node.id}. */
    static String fixture(String name) {
        try (InputStream in = SystemTestEnvironment.class.getResourceAsStream(IDENTITIES + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code POST /register-node-id} body the field client sends for {@code device}. */
    static String registration(String device) {
        try {
            return JSON.writeValueAsString(Map.of("node_id", fixture(device + "/node.id").strip(),
                    "public_key", fixture(device + "/public_key.pem"), "certificate", fixture(device + "/node.crt")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The folder holding {@code device1/} and {@code device2/} (RSA-2048, self-signed, as the field client makes). */
    static Path fieldClientIdentities() {
        URL folder = SystemTestEnvironment.class.getResource(IDENTITIES);
        if (folder == null || !"file".equals(folder.getProtocol())) {
            throw new IllegalStateException("the field-client identities are not a folder on the test classpath");
        }
        try {
            return Path.of(folder.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
