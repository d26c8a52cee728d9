package network.dpc.hub.adapter.persistence;

import network.dpc.hub.application.contract.NodeChallengeStoreContract;
import network.dpc.hub.application.port.out.NodeChallengeStore;
import network.dpc.hub.domain.user.UserId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class JdbiNodeChallengeStoreTest extends NodeChallengeStoreContract {

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
    protected NodeChallengeStore emptyStore() {
        database.jdbi().useHandle(h -> h.execute("TRUNCATE node_identities, node_challenges"));
        return new JdbiNodeChallengeStore(database.jdbi());
    }

    @Override
    protected UserId existingUser() {
        return JdbiNodeIdentityRepositoryTest.insertUser(database);
    }
}
