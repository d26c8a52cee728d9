package network.dpc.hub.adapter.persistence;

import java.time.Instant;
import java.util.UUID;
import network.dpc.hub.domain.user.Email;
import network.dpc.hub.domain.user.User;
import network.dpc.hub.domain.user.UserId;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh, migrated database on the shared embedded PostgreSQL for one test class:
 * {@code @RegisterExtension static final MigratedDatabase database = new MigratedDatabase();}.
 */
public final class MigratedDatabase implements BeforeAllCallback, AfterAllCallback {

    private PostgresDatabase database;

    @Override
    public void beforeAll(ExtensionContext context) {
        database = TestDatabase.newMigratedDatabase();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        database.close();
    }

    public PostgresDatabase database() {
        return database;
    }

    public Jdbi jdbi() {
        return database.jdbi();
    }

    /** Empties the tables (and whatever references them). */
    public void truncate(String... tables) {
        jdbi().useHandle(h -> h.execute("TRUNCATE " + String.join(", ", tables) + " CASCADE"));
    }

    /** Inserts a new user with a unique address and returns its id. */
    public UserId insertUser() {
        return insertUser(jdbi());
    }

    /** Inserts a new user with a unique address into the database behind {@code jdbi} and returns its id. */
    public static UserId insertUser(Jdbi jdbi) {
        User user = User.register(new Email("user-" + UUID.randomUUID() + "@example.org"), "google",
                Instant.parse("2026-11-27T08:00:00Z"));
        new JdbiUserRepository(jdbi).save(user);
        return user.id();
    }
}
