package network.dpc.hub.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub as a real process: exit code 2 on bad settings, clean stop on SIGTERM (the embedded PostgreSQL stopped last)
 * with no orphan PostgreSQL.
 */
class MainProcessTest {

    @TempDir
    Path dir;

    @Test
    void badConfigurationExitsWithCodeTwoListingEveryProblem() throws Exception {
        Process process = launch(Map.of("PORT", "not-a-port", "ALGORITHM", "none", "DATA_DIR",
                dir.resolve("data").toString()));

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(dir.resolve("out.log"), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isEqualTo(2);
        assertThat(output).contains("configuration has 2 problems", "PORT must be a whole number",
                "ALGORITHM must be one of");
        assertThat(Files.exists(dir.resolve("data"))).isFalse();
    }

    @Test
    void commandsOtherThanServeExitWithTheirCode() throws Exception {
        Process version = launch(Map.of(), "version");
        assertThat(version.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(dir.resolve("out.log"), StandardCharsets.UTF_8);
        assertThat(version.exitValue()).as(output).isZero();
        assertThat(output).contains("D-PC Federation Hub ");

        Process unknown = launch(Map.of(), "no-such-command");
        assertThat(unknown.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(unknown.exitValue()).isEqualTo(2);
    }

    @Test
    void sigtermStopsTheHubAndItsEmbeddedPostgres() throws Exception {
        int port = freePort();
        Path dataDir = dir.resolve("data");
        Process process = launch(Map.of("PORT", String.valueOf(port), "HOST", "127.0.0.1", "DATA_DIR",
                dataDir.toString()));
        try {
            awaitReady(port, process);
            assertThat(postgresProcessesFor(dataDir)).isNotEmpty();

            long stopping = System.nanoTime();
            process.destroy();
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("stopped within 20 s").isTrue();
            long stopMillis = (System.nanoTime() - stopping) / 1_000_000;

            assertThat(stopMillis).as("graceful stop duration").isLessThan(20_000);
            String output = Files.readString(dir.resolve("out.log"), StandardCharsets.UTF_8);
            assertThat(output).contains("Shutting down", "Stopped");
            // the database stops last, after the hub's goodbye, not beside the hub's own shutdown
            assertThat(output).doesNotContain("57P01").doesNotContain("lost its database connection");
            assertThat(postgresProcessesFor(dataDir)).as("orphan postgres").isEmpty();
        } finally {
            process.destroyForcibly();
        }
    }

    private Process launch(Map<String, String> env, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.log").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("DATABASE_") || k.startsWith("SECRET_")
                || k.equals("PORT") || k.equals("HOST") || k.equals("DATA_DIR"));
        builder.environment().putAll(env);
        return builder.start();
    }

    private static void awaitReady(int port, Process process) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("hub process alive").isTrue();
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/health/ready")).timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                process.waitFor(100, TimeUnit.MILLISECONDS);
            }
        }
        throw new AssertionError("hub not ready within 90 s");
    }

    private static List<ProcessHandle> postgresProcessesFor(Path dataDir) {
        String marker = dataDir.toAbsolutePath().toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("postgres") && c.contains(marker))
                        .orElse(false))
                .toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
