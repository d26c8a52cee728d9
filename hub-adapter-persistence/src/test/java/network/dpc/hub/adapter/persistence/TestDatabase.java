package network.dpc.hub.adapter.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real embedded PostgreSQL per test JVM, handing out a new, empty database per caller so test classes never
 * see each other's rows. Shared through the test-jar with the HTTP, bootstrap and benchmark tests.
 */
public final class TestDatabase {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgresServer server;

    private TestDatabase() {
    }

    /** The shared server, started on first use, stopped and deleted when the JVM exits. */
    public static synchronized EmbeddedPostgresServer server() {
        if (server == null) {
            server = EmbeddedPostgresServer.startThrowaway("dpc-hub-test-pg"); // deleted when the JVM exits
        }
        return server;
    }

    /** Creates a new empty database on the shared server and returns its connection settings (not migrated). */
    public static DatabaseUrl newEmptyDatabase() {
        EmbeddedPostgresServer pg = server();
        String name = "test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection c = java.sql.DriverManager.getConnection(pg.databaseUrl().jdbcUrl(), "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        return new DatabaseUrl("jdbc:postgresql://127.0.0.1:" + pg.port() + "/" + name, Optional.of("postgres"),
                Optional.empty());
    }

    /** A new, migrated database with its own small pool; close it after the test class. */
    public static PostgresDatabase newMigratedDatabase() {
        return PostgresDatabase.open(newEmptyDatabase(), 4);
    }
}
