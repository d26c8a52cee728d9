package network.dpc.hub.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import network.dpc.hub.adapter.http.HealthRoutes;
import network.dpc.hub.adapter.http.HttpRoutes;
import network.dpc.hub.adapter.http.HttpSettings;
import network.dpc.hub.adapter.http.HubHttpServer;
import network.dpc.hub.adapter.persistence.DatabaseUrl;
import network.dpc.hub.adapter.persistence.EmbeddedPostgresServer;
import network.dpc.hub.adapter.persistence.PostgresDatabase;
import network.dpc.hub.application.service.HealthService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds the adapters, then the services, then the HTTP adapter, by hand and in that order.
 * {@link #start(int)} and {@link #stop()} are what {@code Main} and the system tests use.
 */
public final class Hub {

    private static final Logger log = LoggerFactory.getLogger(Hub.class);
    private static final int DATABASE_POOL_SIZE = 20;

    private final HubConfig config;
    private final Clock clock;
    private final SecureRandom random;
    private final String version = HubVersion.current();
    private final String instanceId;

    private EmbeddedPostgresServer embeddedPostgres;
    private PostgresDatabase database;
    private HubHttpServer http;
    private String secretKey;
    private int port;

    public Hub(HubConfig config) {
        this(config, Clock.systemUTC(), new SecureRandom());
    }

    Hub(HubConfig config, Clock clock, SecureRandom random) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        byte[] id = new byte[6];
        random.nextBytes(id);
        this.instanceId = HexFormat.of().formatHex(id);
    }

    /** Starts the database, the services and the HTTP server on {@code requestedPort} (0: any free port). */
    public synchronized int start(int requestedPort) {
        if (http != null) {
            throw new IllegalStateException("the hub is already running");
        }
        long started = System.nanoTime();
        try {
            int boundPort = requestedPort == 0 ? freePort() : requestedPort;
            database = PostgresDatabase.open(databaseUrl(), DATABASE_POOL_SIZE);
            secretKey = config.secretKey().orElseGet(() -> SecretKeyFile.readOrCreate(config.dataDir(), random));
            URI publicUrl = config.publicUrlFor(boundPort);
            List<HttpRoutes> routes = new ArrayList<>();
            routes.add(healthRoutes());
            http = new HubHttpServer(new HttpSettings(config.host(), "https".equalsIgnoreCase(publicUrl.getScheme()),
                    HttpSettings.DEFAULT_MAX_REQUEST_BYTES), routes);
            port = http.start(boundPort);
            log.info("D-PC Federation Hub {} (instance {}) ready on {}:{} in {} ms, public URL {}", version,
                    instanceId, config.host(), port, (System.nanoTime() - started) / 1_000_000, publicUrl);
            return port;
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    /** Stops accepting requests, finishes those in flight, closes the pool and stops the embedded database. */
    public synchronized void stop() {
        if (http != null) {
            http.stop();
            http = null;
        }
        if (database != null) {
            database.close();
            database = null;
        }
        if (embeddedPostgres != null) {
            embeddedPostgres.close();
            embeddedPostgres = null;
        }
    }

    public synchronized int port() {
        return port;
    }

    /** The embedded database server, when the hub runs one (for tests that stop and restart it). */
    synchronized EmbeddedPostgresServer embeddedPostgres() {
        return embeddedPostgres;
    }

    /** Connection settings of the database in use. */
    synchronized DatabaseUrl databaseUrlInUse() {
        return config.databaseUrl().orElseGet(() -> embeddedPostgres.databaseUrl());
    }

    private DatabaseUrl databaseUrl() {
        if (config.databaseUrl().isPresent()) {
            return config.databaseUrl().get();
        }
        embeddedPostgres = EmbeddedPostgresServer.start(config.dataDir().resolve("postgres"), true);
        return embeddedPostgres.databaseUrl();
    }

    private HttpRoutes healthRoutes() {
        HealthService health = new HealthService(version, instanceId, clock, database, () -> 0, () -> 0);
        return new HealthRoutes(health, version);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
