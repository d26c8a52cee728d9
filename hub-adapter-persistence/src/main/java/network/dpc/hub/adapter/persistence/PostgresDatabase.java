package network.dpc.hub.adapter.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;
import network.dpc.hub.application.port.out.DatabaseProbe;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * The hub's PostgreSQL database: owns the connection pool, applies the Flyway migrations on open, hands out the
 * {@link Jdbi} the repositories use, and answers the health probe.
 */
public final class PostgresDatabase implements DatabaseProbe, AutoCloseable {

    private static final int PROBE_TIMEOUT_SECONDS = 2;

    private final HikariDataSource pool;
    private final Jdbi jdbi;

    private PostgresDatabase(HikariDataSource pool) {
        this.pool = pool;
        this.jdbi = Jdbi.create(pool).installPlugin(new SqlObjectPlugin()).installPlugin(new PostgresPlugin());
    }

    /** Connects, migrates the schema to the newest version, and returns the ready database. */
    public static PostgresDatabase open(DatabaseUrl url, int maxPoolSize) {
        Objects.requireNonNull(url, "url");
        HikariConfig config = new HikariConfig();
        config.setPoolName("dpc-hub");
        config.setJdbcUrl(url.jdbcUrl());
        url.user().ifPresent(config::setUsername);
        url.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(maxPoolSize);
        config.setMinimumIdle(Math.min(2, maxPoolSize));
        config.setConnectionTimeout(3_000);
        config.setValidationTimeout(1_000);
        config.setInitializationFailTimeout(-1);
        config.addDataSourceProperty("connectTimeout", "3");
        config.addDataSourceProperty("socketTimeout", "30");
        config.addDataSourceProperty("ApplicationName", "dpc-hub");
        HikariDataSource pool = new HikariDataSource(config);
        try {
            migrate(pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new PostgresDatabase(pool);
    }

    /** Applies every pending migration; repeatable, a no-op on an up-to-date schema. */
    static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .connectRetries(5)
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }

    /** Publishes the pool's meters ({@code hikaricp_connections_*}, tagged {@code pool="dpc-hub"}); call it once. */
    public void instrumentPool(MeterRegistry registry) {
        pool.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(Objects.requireNonNull(registry,
                "registry")));
    }

    /** The version of the newest migration applied, e.g. {@code 3}. */
    public String schemaVersion() {
        var current = Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().info()
                .current();
        return current == null ? "none" : current.getVersion().getVersion();
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public DataSource dataSource() {
        return pool;
    }

    /**
     * A new connection outside the pool, for a caller that keeps it for a long time (the instance bus listens on
     * one). The caller closes it. Fails fast (3 s to connect) and notices a dead server through TCP keep-alive.
     * Notifications are handed over as they arrive ({@link PromptPeekSocketFactory}) unless the database URL names
     * its own socket factory.
     */
    public Connection openDedicatedConnection(String applicationName) throws SQLException {
        return DriverManager.getConnection(pool.getJdbcUrl(), dedicatedConnectionProperties(pool.getJdbcUrl(),
                pool.getUsername(), pool.getPassword(), applicationName));
    }

    /** The connection properties of {@link #openDedicatedConnection} for a database at {@code jdbcUrl}. */
    static Properties dedicatedConnectionProperties(String jdbcUrl, String user, String password,
            String applicationName) {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", applicationName);
        properties.setProperty("connectTimeout", "3");
        properties.setProperty("socketTimeout", "30");
        properties.setProperty("tcpKeepAlive", "true");
        if (!jdbcUrl.contains("socketFactory=")) {
            properties.setProperty("socketFactory", PromptPeekSocketFactory.class.getName());
        }
        return properties;
    }

    /**
     * Retires every pooled connection (idle ones now, busy ones when returned), for after the server was restarted:
     * the pool would otherwise hand out connections whose server process is gone, one failure each.
     */
    public void renewConnections() {
        pool.getHikariPoolMXBean().softEvictConnections();
    }

    @Override
    public Optional<String> problem() {
        try (Connection connection = pool.getConnection()) {
            return connection.isValid(PROBE_TIMEOUT_SECONDS) ? Optional.empty()
                    : Optional.of("the database did not answer within " + PROBE_TIMEOUT_SECONDS + " s");
        } catch (SQLException e) {
            return Optional.of(describe(e));
        }
    }

    private static String describe(SQLException e) {
        String state = e.getSQLState() == null ? "" : " (SQL state " + e.getSQLState() + ")";
        return "cannot reach the database" + state;
    }

    @Override
    public void close() {
        pool.close();
    }
}
