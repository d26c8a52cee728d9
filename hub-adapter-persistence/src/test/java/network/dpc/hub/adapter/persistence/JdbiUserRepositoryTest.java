package network.dpc.hub.adapter.persistence;

import network.dpc.hub.application.contract.UserRepositoryContract;
import network.dpc.hub.application.port.out.UserRepository;

import org.junit.jupiter.api.extension.RegisterExtension;

class JdbiUserRepositoryTest extends UserRepositoryContract {

    @RegisterExtension
    static final MigratedDatabase database = new MigratedDatabase();

    @Override
    protected UserRepository emptyRepository() {
        database.truncate("users");
        return new JdbiUserRepository(database.jdbi());
    }
}
