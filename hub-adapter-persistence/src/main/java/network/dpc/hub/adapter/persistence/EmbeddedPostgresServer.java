package network.dpc.hub.adapter.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run as a child process, with its data in a directory that survives restarts.
 * It is the hub's default database when no {@code DATABASE_URL} is given, and the tests' database.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final Path dataDirectory;
    private final int port;
    private final boolean durable;
    private EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(Path dataDirectory, int port, boolean durable) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.durable = durable;
    }

    /**
     * Starts PostgreSQL on a free loopback port, creating the cluster in {@code dataDirectory} if it is new.
     *
     * @param durable {@code true} for real data (fsync and synchronous commit on); {@code false} only for
     *     throw-away test databases, where speed matters more than surviving a power cut
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, boolean durable) {
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(dataDirectory.toAbsolutePath(), freePort(),
                durable);
        server.startProcess();
        return server;
    }

    /** Starts the server again on the same port and data directory after {@link #stop()}. */
    public synchronized void restart() {
        if (postgres == null) {
            startProcess();
        }
    }

    /** Stops the PostgreSQL process; the data stays in the data directory. */
    public synchronized void stop() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not stop the embedded PostgreSQL", e);
        } finally {
            postgres = null;
        }
    }

    /** Connection settings of the database the hub uses inside this server. */
    public DatabaseUrl databaseUrl() {
        return new DatabaseUrl("jdbc:postgresql://127.0.0.1:" + port + "/postgres", Optional.of("postgres"),
                Optional.empty());
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized void startProcess() {
        try {
            Files.createDirectories(dataDirectory);
            boolean fresh = !Files.exists(dataDirectory.resolve("PG_VERSION"));
            log.info("Starting embedded PostgreSQL on 127.0.0.1:{} with data in {}{}", port, dataDirectory,
                    fresh ? " (new cluster)" : "");
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", durable ? "on" : "off")
                    .setServerConfig("synchronous_commit", durable ? "on" : "off")
                    .setServerConfig("full_page_writes", durable ? "on" : "off")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the embedded PostgreSQL", e);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedPostgresServer[" + Objects.toString(dataDirectory) + ", port " + port + "]";
    }
}
