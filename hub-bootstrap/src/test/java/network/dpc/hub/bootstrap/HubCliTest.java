package network.dpc.hub.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import network.dpc.hub.adapter.persistence.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line run in-process: each command's output and exit code. */
class HubCliTest {

    private static final String SECRET = "cli-test-secret-key-with-enough-bytes-0123456789";

    @TempDir
    Path dir;
    private final List<Hub> announced = new ArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private HubCli cli;

    @AfterEach
    void stopServedHub() {
        if (cli != null) {
            cli.serving().ifPresent(Hub::stop);
        }
    }

    @Test
    void versionPrintsTheHubsVersionAndProtocol() {
        assertThat(run(Map.of(), "version")).isZero();
        assertThat(out.toString()).startsWith("D-PC Federation Hub " + HubVersion.current())
                .contains("signaling protocol 1");

        assertThat(run(Map.of(), "--version")).isZero();
    }

    @Test
    void genSecretPrintsAFreshUrlSafeSecretOfTheAskedLength() {
        assertThat(run(Map.of(), "gen-secret")).isZero();
        assertThat(run(Map.of(), "gen-secret", "--bytes", "64")).isZero();

        String[] lines = out.toString().strip().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(Base64.getUrlDecoder().decode(lines[0])).hasSize(48);
        assertThat(Base64.getUrlDecoder().decode(lines[1])).hasSize(64);
        assertThat(lines[0]).matches("[A-Za-z0-9_-]+").isNotEqualTo(lines[1].substring(0, lines[0].length()));
        assertThat(HubConfigLoader.load(Map.of("SECRET_KEY", lines[0])).secretKey()).contains(lines[0]);
    }

    @Test
    void aSecretShorterThanTheMinimumIsAUsageError() {
        assertThat(run(Map.of(), "gen-secret", "--bytes", "16")).isEqualTo(2);
        assertThat(err.toString()).contains("--bytes must be between 32 and 512");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void helpListsEveryCommandAndUnknownCommandsAreUsageErrors() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(out.toString()).contains("serve", "migrate", "gen-secret", "version");

        assertThat(run(Map.of(), "frobnicate")).isEqualTo(2);
        assertThat(err.toString()).contains("Unmatched argument");
    }

    @Test
    void badSettingsExitWithTwoForServeAndMigrateWithoutStartingAnything() {
        Map<String, String> bad = Map.of("PORT", "eighty", "DATA_DIR", dir.resolve("data").toString());

        assertThat(run(bad)).isEqualTo(2);
        assertThat(run(bad, "serve")).isEqualTo(2);
        assertThat(run(bad, "migrate")).isEqualTo(2);
        assertThat(announced).isEmpty();
        assertThat(cli.serving()).isEmpty();
        assertThat(Files.exists(dir.resolve("data"))).isFalse();
    }

    @Test
    void migrateAppliesTheMigrationsAndExits() throws Exception {
        String url = TestDatabase.newEmptyDatabase().jdbcUrl() + "?user=postgres";

        assertThat(run(Map.of("DATABASE_URL", url, "SECRET_KEY", SECRET), "migrate")).isZero();

        assertThat(out.toString()).matches("(?s)Database schema is up to date at version \\d+\\s*");
        try (Connection c = DriverManager.getConnection(url);
                ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM users")) {
            assertThat(rs.next()).isTrue();
        }
        assertThat(cli.serving()).isEmpty();
    }

    @Test
    void noCommandServesLikeServe() throws Exception {
        String url = TestDatabase.newEmptyDatabase().jdbcUrl() + "?user=postgres";

        assertThat(run(Map.of("DATABASE_URL", url, "SECRET_KEY", SECRET, "HOST", "127.0.0.1", "PORT", "0",
                "DATA_DIR", dir.toString()))).isZero();

        assertThat(cli.serving()).isPresent();
        assertThat(announced).containsExactly(cli.serving().get());
        HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + cli.serving().get().port() + "/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(200);
    }

    private int run(Map<String, String> variables, String... args) {
        cli = new HubCli(variables, new SecureRandom(), announced::add);
        CommandLine line = cli.commandLine();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return line.execute(args);
    }
}
