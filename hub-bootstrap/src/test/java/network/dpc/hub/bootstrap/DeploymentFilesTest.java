package network.dpc.hub.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The deployment files parse and hold what they promise (no Docker engine runs here, so images are not built):
 * compose files with the keys compose needs, a multi-stage non-root Dockerfile with a health check, an nginx site
 * that upgrades {@code /ws/signal} and keeps the token out of its access log, and a systemd unit.
 */
class DeploymentFilesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @ParameterizedTest
    @ValueSource(strings = {"docker-compose.yml", "docker-compose.prod.yml"})
    void composeFilesDeclareAHubOnPostgresWithEverythingTheyReference(String file) throws IOException {
        JsonNode compose = YAML.readTree(read(file));

        JsonNode services = compose.get("services");
        assertThat(services.isObject()).isTrue();
        assertThat(services.has("hub")).isTrue();
        assertThat(services.has("postgres")).isTrue();
        services.fields().forEachRemaining(service -> {
            JsonNode definition = service.getValue();
            assertThat(definition.has("image") || definition.has("build")).as(service.getKey() + " image/build")
                    .isTrue();
            definition.path("volumes").forEach(volume -> {
                String source = volume.asText().split(":")[0];
                if (!source.startsWith(".") && !source.startsWith("/")) {
                    assertThat(compose.path("volumes").has(source)).as("named volume " + source).isTrue();
                }
            });
            definition.path("networks").forEach(network -> assertThat(compose.path("networks")
                    .has(network.asText())).as("network " + network.asText()).isTrue());
            definition.path("ports").forEach(port -> assertThat(port.asText()).matches(
                    "(127\\.0\\.0\\.1:)?\\d+:\\d+"));
        });
        JsonNode hub = services.get("hub");
        assertThat(hub.at("/depends_on/postgres/condition").asText()).isEqualTo("service_healthy");
        assertThat(services.at("/postgres/healthcheck/test").isArray()).isTrue();
        assertThat(hub.at("/environment/DATABASE_URL").asText()).contains("@postgres:5432/dpc_hub");
        assertThat(hub.get("environment").has("SECRET_KEY")).isTrue();
        assertThat(hub.path("ports").get(0).asText()).as("published on loopback only").startsWith("127.0.0.1:");
    }

    @Test
    void theDevelopmentComposeSettingsAreValidHubSettings() throws IOException {
        JsonNode hub = YAML.readTree(read("docker-compose.yml")).at("/services/hub/environment");
        Map<String, String> environment = new HashMap<>();
        hub.fields().forEachRemaining(e -> environment.put(e.getKey(), e.getValue().asText()));

        HubConfig config = HubConfigLoader.load(environment);

        assertThat(config.databaseUrl()).hasValueSatisfying(url -> assertThat(url.jdbcUrl())
                .isEqualTo("jdbc:postgresql://postgres:5432/dpc_hub"));
        assertThat(config.metricsAllowedIps()).contains("127.0.0.0/8");
    }

    @Test
    void theProductionComposeTakesSecretsFromTheEnvironmentAndHardensTheHub() throws IOException {
        String text = read("docker-compose.prod.yml");
        JsonNode hub = YAML.readTree(text).at("/services/hub");

        assertThat(hub.at("/environment/SECRET_KEY").asText()).startsWith("${SECRET_KEY:?");
        assertThat(hub.at("/environment/LOG_FORMAT").asText()).isEqualTo("json");
        assertThat(hub.get("read_only").asBoolean()).isTrue();
        assertThat(hub.get("cap_drop").toString()).contains("ALL");
        assertThat(hub.get("restart").asText()).isEqualTo("unless-stopped");
        assertThat(text).doesNotContainPattern("(?i)password:\\s*[a-z0-9-]+\\s*$");
    }

    @Test
    void theDockerfileBuildsWithTheWrapperAndRunsOnAJreAsANonRootUserWithAHealthCheck() throws IOException {
        String dockerfile = read("Dockerfile");

        List<String> stages = Pattern.compile("(?m)^FROM\\s+(\\S+)").matcher(dockerfile).results()
                .map(m -> m.group(1)).toList();
        assertThat(stages).hasSizeGreaterThanOrEqualTo(2);
        assertThat(stages.getFirst()).contains("jdk");
        assertThat(stages.getLast()).contains("jre");
        Matcher version = Pattern.compile(":(\\d+)-jre").matcher(stages.getLast());
        assertThat(version.find()).isTrue();
        assertThat(Integer.parseInt(version.group(1))).isGreaterThanOrEqualTo(21);
        assertThat(dockerfile).contains("./mvnw -B", "COPY --from=build");
        Matcher user = Pattern.compile("(?m)^USER\\s+(\\S+)").matcher(dockerfile);
        assertThat(user.find()).isTrue();
        assertThat(user.group(1)).doesNotStartWith("root").doesNotStartWith("0");
        assertThat(dockerfile).containsPattern("(?s)HEALTHCHECK .*?/health/live");
        for (String module : List.of("hub-domain", "hub-application", "hub-adapter-persistence", "hub-adapter-http",
                "hub-adapter-oauth", "hub-bootstrap")) {
            assertThat(dockerfile).as("copies " + module).contains("COPY " + module + "/");
        }
        assertThat(read(".dockerignore")).contains("target/", ".hub-data/", ".env");
    }

    @Test
    void nginxUpgradesTheSocketTerminatesTlsAndNeverLogsTheQueryString() throws IOException {
        String nginx = read("deploy/nginx/dpc-hub.conf");

        Matcher format = Pattern.compile("(?s)log_format\\s+dpc_hub\\s+(.*?);").matcher(nginx);
        assertThat(format.find()).isTrue();
        assertThat(format.group(1)).doesNotContain("$request_uri", "$args", "$query_string", "$arg_")
                .doesNotContainPattern("\\$request(?![_a-z])").contains("$uri");
        List<String> accessLogs = Pattern.compile("(?m)^\\s*access_log\\s+([^;]+);").matcher(nginx).results()
                .map(m -> m.group(1)).toList();
        assertThat(accessLogs).isNotEmpty().allSatisfy(log -> assertThat(log).endsWith(" dpc_hub"));
        Matcher socket = Pattern.compile("(?s)location = /ws/signal \\{(.*?)\\n    \\}").matcher(nginx);
        assertThat(socket.find()).isTrue();
        assertThat(socket.group(1)).contains("proxy_http_version 1.1", "proxy_set_header Upgrade $http_upgrade",
                "proxy_set_header Connection $dpc_hub_connection", "X-Forwarded-For");
        assertThat(nginx).contains("listen 443 ssl", "ssl_certificate ", "ssl_certificate_key ",
                "ssl_protocols TLSv1.2 TLSv1.3");
        assertThat(nginx.chars().filter(c -> c == '{').count()).isEqualTo(nginx.chars().filter(c -> c == '}').count());
    }

    @Test
    void theSystemdUnitRunsTheJarAsAnUnprivilegedUserAndDoesNotRestartOnBadSettings() throws IOException {
        String unit = read("deploy/systemd/dpc-hub.service");

        assertThat(unit).contains("[Unit]", "[Service]", "[Install]", "WantedBy=multi-user.target");
        assertThat(unit).containsPattern("(?m)^ExecStart=/usr/bin/java .*-jar /opt/dpc-hub/dpc-hub.jar serve$");
        assertThat(unit).containsPattern("(?m)^User=dpc-hub$").doesNotContainPattern("(?m)^User=root");
        assertThat(unit).contains("RestartPreventExitStatus=2", "SuccessExitStatus=143", "KillSignal=SIGTERM",
                "EnvironmentFile=/etc/dpc-hub/dpc-hub.env", "NoNewPrivileges=true");
    }

    private static String read(String file) throws IOException {
        return Files.readString(ROOT.resolve(file), StandardCharsets.UTF_8);
    }
}
