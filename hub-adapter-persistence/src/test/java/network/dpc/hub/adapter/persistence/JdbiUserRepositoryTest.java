package network.dpc.hub.adapter.persistence;

import network.dpc.hub.application.contract.UserRepositoryContract;
import network.dpc.hub.application.port.out.UserRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class JdbiUserRepositoryTest extends UserRepositoryContract {

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
    protected UserRepository emptyRepository() {
        database.jdbi().useHandle(h -> h.execute("TRUNCATE users CASCADE"));
        return new JdbiUserRepository(database.jdbi());
    }
}
