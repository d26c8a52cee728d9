package network.dpc.hub.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HubConfigLoaderTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    @Test
    void defaultsNeedNoConfigurationAtAll() {
        HubConfig config = HubConfigLoader.load(Map.of());

        assertThat(config.embeddedDatabase()).isTrue();
        assertThat(config.secretKey()).isEmpty();
        assertThat(config.algorithm()).isEqualTo("HS256");
        assertThat(config.accessTokenLifetime()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.refreshTokenLifetime()).isEqualTo(Duration.ofDays(30));
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isEqualTo(8000);
        assertThat(config.publicUrlFor(8000)).isEqualTo(URI.create("http://localhost:8000"));
        assertThat(config.clientRedirectUrl()).isEqualTo(URI.create("http://127.0.0.1:8080/callback"));
        assertThat(config.oauthSettings()).isEmpty();
        assertThat(config.rateLimitEnabled()).isTrue();
        assertThat(config.nodeProofRequired()).isFalse();
        assertThat(config.maxNodesPerUser()).isEqualTo(5);
        assertThat(config.wsMaxConnections()).isEqualTo(10_000);
        assertThat(config.dataDir()).isEqualTo(Path.of(".hub-data"));
    }

    @ParameterizedTest
    @CsvSource({
        "jdbc:postgresql://db:5432/hub, jdbc:postgresql://db:5432/hub",
        "postgresql://hub:pw@db:5432/hub, jdbc:postgresql://db:5432/hub",
        "postgresql+asyncpg://hub:pw@db:5432/hub, jdbc:postgresql://db:5432/hub",
    })
    void acceptsEachDatabaseUrlForm(String given, String jdbc) {
        HubConfig config = HubConfigLoader.load(Map.of("DATABASE_URL", given, "SECRET_KEY", SECRET));

        assertThat(config.databaseUrl()).hasValueSatisfying(url -> assertThat(url.jdbcUrl()).isEqualTo(jdbc));
        assertThat(config.embeddedDatabase()).isFalse();
    }

    @Test
    void explicitPublicUrlWinsOverHostAndPort() {
        HubConfig config = HubConfigLoader.load(Map.of("PUBLIC_URL", "https://hub.example.org", "HOST", "10.0.0.5",
                "PORT", "9000"));

        assertThat(config.publicUrlFor(9000)).isEqualTo(URI.create("https://hub.example.org"));
        assertThat(HubConfigLoader.load(Map.of("HOST", "10.0.0.5")).publicUrlFor(9000))
                .isEqualTo(URI.create("http://10.0.0.5:9000"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "DATABASE_URL|mysql://u:p@h/db|DATABASE_URL must start with",
        "SECRET_KEY|short|SECRET_KEY must be at least 32 bytes",
        "ALGORITHM|RS256|ALGORITHM must be one of HS256, HS384, HS512",
        "ALGORITHM|none|ALGORITHM must be one of",
        "ACCESS_TOKEN_EXPIRE_MINUTES|1|ACCESS_TOKEN_EXPIRE_MINUTES must be between 2 and",
        "ACCESS_TOKEN_EXPIRE_MINUTES|ten|ACCESS_TOKEN_EXPIRE_MINUTES must be a whole number",
        "REFRESH_TOKEN_EXPIRE_DAYS|0|REFRESH_TOKEN_EXPIRE_DAYS must be between 1 and",
        "PORT|70000|PORT must be between 0 and 65535",
        "PORT|eighty|PORT must be a whole number",
        "PUBLIC_URL|ftp://hub|PUBLIC_URL must be an absolute http(s) URL",
        "PUBLIC_URL|not a url|PUBLIC_URL must be an absolute http(s) URL",
        "CLIENT_REDIRECT_URL|/callback|CLIENT_REDIRECT_URL must be an absolute",
        "GOOGLE_ISSUER|accounts.google.com|GOOGLE_ISSUER must be an absolute",
        "GITHUB_BASE_URL|github|GITHUB_BASE_URL must be an absolute",
        "GITHUB_API_URL|::|GITHUB_API_URL must be an absolute",
        "OIDC_ISSUER|keycloak|OIDC_ISSUER must be an absolute",
        "RATE_LIMIT_ENABLED|maybe|RATE_LIMIT_ENABLED must be true or false",
        "ALLOWED_ORIGINS|https://ok.example.org,*|ALLOWED_ORIGINS entries must be exact origins",
        "ALLOWED_ORIGINS|https://app.example.org/path|ALLOWED_ORIGINS entries must be exact origins",
        "TRUSTED_PROXIES|proxy.local|TRUSTED_PROXIES entries must be IP addresses",
        "NODE_PROOF|sometimes|NODE_PROOF must be optional or required",
        "MAX_NODES_PER_USER|0|MAX_NODES_PER_USER must be between 1 and 100",
        "WS_MAX_CONNECTIONS|0|WS_MAX_CONNECTIONS must be between 1 and 1000000",
        "TURN_URIS|http://turn.example.org|TURN_URIS entries must be turn:",
        "TURN_TTL|5|TURN_TTL must be between 60 and",
    })
    void reportsEachInvalidValue(String name, String value, String expected) {
        Map<String, String> env = new HashMap<>(Map.of(name, value));
        if (!name.equals("SECRET_KEY")) {
            env.put("SECRET_KEY", SECRET);
        }

        assertThatThrownBy(() -> HubConfigLoader.load(env)).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.problems()).singleElement().asString().startsWith(expected));
    }

    @Test
    void secretKeyIsRequiredWithAnExternalDatabase() {
        assertThatThrownBy(() -> HubConfigLoader.load(Map.of("DATABASE_URL", "postgresql://u:p@db/hub")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).singleElement()
                        .asString().startsWith("SECRET_KEY is required when DATABASE_URL is set"));
    }

    @Test
    void reportsEveryProblemTogetherInOneMessage() {
        ConfigException e = (ConfigException) org.assertj.core.api.Assertions.catchThrowable(() ->
                HubConfigLoader.load(Map.of("PORT", "-1", "ALGORITHM", "none", "NODE_PROOF", "x",
                        "DATABASE_URL", "postgresql://u:SUPERSECRET@db/hub")));

        assertThat(e.problems()).hasSize(4);
        assertThat(e.getMessage()).startsWith("The hub cannot start: its configuration has 4 problems:")
                .contains("PORT must be between", "ALGORITHM must be one of", "NODE_PROOF must be",
                        "SECRET_KEY is required")
                .doesNotContain("SUPERSECRET");
    }

    @Test
    void parsesListsAndBooleans() {
        HubConfig config = HubConfigLoader.load(Map.of(
                "ALLOWED_ORIGINS", " https://a.example.org , tauri://localhost,",
                "TRUSTED_PROXIES", "10.0.0.0/8, ::1",
                "RATE_LIMIT_ENABLED", "false",
                "CLIENT_REDIRECT_ALLOWLIST", "https://app.example.org/cb",
                "TURN_URIS", "turn:turn.example.org:3478?transport=udp,turns:turn.example.org:5349",
                "NODE_PROOF", "REQUIRED",
                "ALGORITHM", "hs512"));

        assertThat(config.allowedOrigins()).containsExactly("https://a.example.org", "tauri://localhost");
        assertThat(config.trustedProxies()).containsExactly("10.0.0.0/8", "::1");
        assertThat(config.rateLimitEnabled()).isFalse();
        assertThat(config.clientRedirectAllowlist()).containsExactly(URI.create("https://app.example.org/cb"));
        assertThat(config.turnUris()).hasSize(2);
        assertThat(config.nodeProofRequired()).isTrue();
        assertThat(config.algorithm()).isEqualTo("HS512");
    }

    @Test
    void dotEnvFileIsReadAndTheEnvironmentWins(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(".env");
        Files.writeString(file, String.join("\n", List.of(
                "# a comment",
                "export PORT=9100",
                "HOST=\"127.0.0.1\"",
                "NODE_PROOF='required'",
                "MAX_NODES_PER_USER=7 # trailing comment",
                "garbage line without equals",
                "")));

        Map<String, String> merged = DotEnv.merged(DotEnv.read(file), Map.of("PORT", "9200"));
        HubConfig config = HubConfigLoader.load(merged);

        assertThat(config.port()).isEqualTo(9200);
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.nodeProofRequired()).isTrue();
        assertThat(config.maxNodesPerUser()).isEqualTo(7);
        assertThat(DotEnv.read(dir.resolve("missing.env"))).isEmpty();
    }
}
