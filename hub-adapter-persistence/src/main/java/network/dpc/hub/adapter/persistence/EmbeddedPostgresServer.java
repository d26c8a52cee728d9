package network.dpc.hub.adapter.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
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
    private final boolean stopAtJvmExit;
    /** The temporary directory {@link #close()} deletes, for a throw-away server; null for real data. */
    private Path throwawayRoot;
    private EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(Path dataDirectory, int port, boolean durable, boolean stopAtJvmExit) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.durable = durable;
        this.stopAtJvmExit = stopAtJvmExit;
    }

    /**
     * Starts PostgreSQL on a free loopback port, creating the cluster in {@code dataDirectory} if it is new.
     *
     * @param durable {@code true} for real data (fsync and synchronous commit on); {@code false} only for
     *     throw-away test databases, where speed matters more than surviving a power cut
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, boolean durable) {
        return start(dataDirectory, durable, true);
    }

    /**
     * Starts PostgreSQL as {@link #start(Path, boolean)} does.
     *
     * @param stopAtJvmExit {@code true} to stop it from a shutdown hook of its own when the JVM exits; {@code false}
     *     when the owner's shutdown stops it (last, after everything that uses it): the JVM runs shutdown hooks at the
     *     same time, so a hook of its own would stop the database under the owner's goodbye
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, boolean durable, boolean stopAtJvmExit) {
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(dataDirectory.toAbsolutePath(), freePort(),
                durable, stopAtJvmExit);
        server.startProcess();
        return server;
    }

    /**
     * Starts a throw-away server for tests and benchmarks: not durable, in a new temporary directory that
     * {@link #close()} deletes, and closed when the JVM exits if nobody closed it before (test data directories
     * grow to hundreds of megabytes of WAL and were left behind by every test run).
     */
    public static EmbeddedPostgresServer startThrowaway(String prefix) {
        Path root;
        try {
            root = Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("no temporary directory for a throw-away PostgreSQL", e);
        }
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(root.resolve("data"), freePort(), false, false);
        server.throwawayRoot = root;
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop-throwaway-postgres"));
        server.startProcess();
        return server;
    }

    /**
     * The temporary directory of a throw-away server, which holds its data and is deleted with it: room for other
     * throw-away files of the same test or benchmark (a hub's data directory, say).
     */
    public Path throwawayDirectory() {
        if (throwawayRoot == null) {
            throw new IllegalStateException("not a throw-away server, or closed already");
        }
        return throwawayRoot;
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

    /** Stops the server; a throw-away server's directory is deleted too. */
    @Override
    public synchronized void close() {
        stop();
        if (throwawayRoot != null) {
            deleteRecursively(throwawayRoot);
            throwawayRoot = null;
        }
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            log.warn("Could not delete the throw-away PostgreSQL directory {} ({})", root, e.getMessage());
        }
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
                    .setRegisterShutdownHook(stopAtJvmExit)
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
