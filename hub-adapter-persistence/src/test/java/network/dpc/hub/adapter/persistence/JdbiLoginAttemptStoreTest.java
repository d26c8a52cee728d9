package network.dpc.hub.adapter.persistence;

import network.dpc.hub.application.contract.LoginAttemptStoreContract;
import network.dpc.hub.application.port.out.LoginAttemptStore;

import org.junit.jupiter.api.extension.RegisterExtension;

class JdbiLoginAttemptStoreTest extends LoginAttemptStoreContract {

    @RegisterExtension
    static final MigratedDatabase database = new MigratedDatabase();

    @Override
    protected LoginAttemptStore emptyStore() {
        database.truncate("login_attempts");
        return new JdbiLoginAttemptStore(database.jdbi());
    }
}
