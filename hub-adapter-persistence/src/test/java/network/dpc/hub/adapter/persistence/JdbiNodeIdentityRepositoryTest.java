package network.dpc.hub.adapter.persistence;

import java.time.Instant;
import network.dpc.hub.application.contract.NodeIdentityRepositoryContract;
import network.dpc.hub.application.port.out.NodeIdentityRepository;
import network.dpc.hub.domain.user.Email;
import network.dpc.hub.domain.user.User;
import network.dpc.hub.domain.user.UserId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class JdbiNodeIdentityRepositoryTest extends NodeIdentityRepositoryContract {

    private static PostgresDatabase database;

    @BeforeAll
    static void openDatabase() {
        database = TestDatabase.newMigratedDatabase();
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @Override
    protected NodeIdentityRepository emptyRepository() {
        database.jdbi().useHandle(h -> h.execute("TRUNCATE node_identities, node_challenges"));
        return new JdbiNodeIdentityRepository(database.jdbi());
    }

    @Override
    protected UserId existingUser() {
        return insertUser(database);
    }

    static UserId insertUser(PostgresDatabase database) {
        UserId id = UserId.random();
        new JdbiUserRepository(database.jdbi()).save(new User(id, new Email(id + "@example.org"), "google",
                Instant.parse("2026-11-27T08:00:00Z"), java.util.Optional.empty()));
        return id;
    }
}
