package network.dpc.hub.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import network.dpc.hub.adapter.persistence.TestDatabase;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real WebRTC data channel between two peers that meet through the assembled hub: the Node.js script in
 * {@code e2e/webrtc} (native WebRTC stack {@code @roamhq/wrtc}) signs two people in through the local OpenID Connect
 * server, registers the field client's two node identities, signals offer / answer / ICE over {@code /ws/signal} in
 * the field client's payload shapes, and sends a message over the channel and back. Needs {@code node} and
 * {@code npm} on the PATH; installs the script's packages with {@code npm ci} when they are missing.
 */
class WebRtcThroughHubSystemTest {

    private static final Logger log = LoggerFactory.getLogger(WebRtcThroughHubSystemTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration PEERS_TIMEOUT = Duration.ofSeconds(60);
    private static MockOAuth2Server issuer;

    @TempDir
    Path workDir;
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

    @AfterEach
    void stopHub() {
        if (hub != null) {
            hub.stop();
        }
    }

    @Test
    void twoFieldClientPeersOpenADataChannelThroughTheHubAndAMessageMakesTheRoundTrip() throws Exception {
        Path node = executableOnPath("node");
        Path npm = executableOnPath("npm");
        Path project = e2eProject();
        installPackagesIfMissing(npm, project);
        String databaseUrl = TestDatabase.newEmptyDatabase().jdbcUrl() + "?user=postgres";
        hub = new Hub(HubConfigLoader.load(SystemTestEnvironment.oidcHubEnv(workDir.resolve("hub"), databaseUrl,
                issuer, Map.of())), Clock.systemUTC(), new SecureRandom());
        int port = hub.start(0);
        issuer.enqueueCallback(SystemTestEnvironment.person("oidc", "webrtc-alice@example.org", true));
        issuer.enqueueCallback(SystemTestEnvironment.person("oidc", "webrtc-bob@example.org", true));

        Run peers = run(List.of(node.toString(), "peers.mjs"), project, PEERS_TIMEOUT, Map.of(
                "HUB_URL", "http://127.0.0.1:" + port,
                "IDENTITIES_DIR", SystemTestEnvironment.fieldClientIdentities().toString(),
                "TIMEOUT_MS", "30000"));

        log.info("WebRTC peers finished in {} ms:\n{}", peers.millis(), peers.output().strip());
        assertThat(peers.exitCode()).as("exit code of the peers; their output:%n%s", peers.output()).isZero();
        JsonNode result = peers.result().orElseThrow(() -> new AssertionError("no RESULT line in:\n" + peers.output()));
        assertThat(result.get("ok").asBoolean()).as(peers.output()).isTrue();
        assertThat(result.get("offerer").asText()).isEqualTo(SystemTestEnvironment.fixture("device1/node.id").strip());
        assertThat(result.get("answerer").asText()).isEqualTo(SystemTestEnvironment.fixture("device2/node.id").strip());
        String sent = result.get("sent").asText();
        assertThat(sent).startsWith("hello from " + result.get("offerer").asText());
        assertThat(result.get("received_by_answerer").asText()).isEqualTo(sent);
        assertThat(result.get("echoed_to_offerer").asText()).isEqualTo("echo: " + sent);
        assertThat(result.get("round_trip_ms").asDouble()).isPositive();
    }

    /** Runs {@code npm ci} when the script's packages are not installed, or older than its lock file. */
    private void installPackagesIfMissing(Path npm, Path project) throws Exception {
        Path installed = project.resolve("node_modules/.package-lock.json");
        FileTime locked = Files.getLastModifiedTime(project.resolve("package-lock.json"));
        if (Files.isRegularFile(installed) && Files.getLastModifiedTime(installed).compareTo(locked) >= 0) {
            return;
        }
        Run install = run(List.of(npm.toString(), "ci", "--no-audit", "--no-fund"), project, INSTALL_TIMEOUT,
                Map.of());
        assertThat(install.exitCode()).as("npm ci in %s failed:%n%s", project, install.output()).isZero();
        log.info("npm ci in {} took {} ms", project, install.millis());
    }

    private Run run(List<String> command, Path directory, Duration timeout, Map<String, String> env)
            throws Exception {
        Path output = Files.createTempFile(workDir, "process", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(env);
        long started = System.nanoTime();
        Process process = builder.start();
        boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout + ":\n"
                    + Files.readString(output, StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8),
                (System.nanoTime() - started) / 1_000_000);
    }

    private record Run(int exitCode, String output, long millis) {

        Optional<JsonNode> result() {
            return output.lines().filter(line -> line.startsWith("RESULT ")).reduce((first, last) -> last)
                    .map(line -> {
                        try {
                            return JSON.readTree(line.substring("RESULT ".length()));
                        } catch (IOException e) {
                            throw new AssertionError("RESULT is not JSON: " + line, e);
                        }
                    });
        }
    }

    /** The {@code e2e/webrtc} folder of the repository (the tests run in the module folder). */
    private static Path e2eProject() {
        Path dir = Path.of("").toAbsolutePath();
        for (int up = 0; up < 3 && dir != null; up++, dir = dir.getParent()) {
            Path candidate = dir.resolve("e2e/webrtc");
            if (Files.isRegularFile(candidate.resolve("package.json"))) {
                return candidate;
            }
        }
        throw new AssertionError("e2e/webrtc/package.json not found above " + Path.of("").toAbsolutePath());
    }

    /** Fails (never skips) when a tool the test needs is not installed: CI has Node.js and npm. */
    private static Path executableOnPath(String name) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.of(path.split(File.pathSeparator)).filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, name)).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new AssertionError("'" + name + "' is not on the PATH: the WebRTC system test "
                        + "needs Node.js 20+ and npm (see e2e/webrtc/package.json)"));
    }
}
