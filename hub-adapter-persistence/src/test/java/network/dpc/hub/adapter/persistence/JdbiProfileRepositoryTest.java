package network.dpc.hub.adapter.persistence;

import network.dpc.hub.application.contract.ProfileRepositoryContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class JdbiProfileRepositoryTest extends ProfileRepositoryContract {

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
    protected World emptyWorld() {
        database.jdbi().useHandle(h -> h.execute("TRUNCATE users, topic_counts CASCADE"));
        return new World(new JdbiProfileRepository(database.jdbi()), new JdbiNodeIdentityRepository(database.jdbi()),
                () -> JdbiNodeIdentityRepositoryTest.insertUser(database));
    }
}
