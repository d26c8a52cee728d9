package network.dpc.hub.adapter.persistence;

import network.dpc.hub.application.contract.LoginAttemptStoreContract;
import network.dpc.hub.application.port.out.LoginAttemptStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class JdbiLoginAttemptStoreTest extends LoginAttemptStoreContract {

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
    protected LoginAttemptStore emptyStore() {
        database.jdbi().useHandle(h -> h.execute("TRUNCATE login_attempts"));
        return new JdbiLoginAttemptStore(database.jdbi());
    }
}
