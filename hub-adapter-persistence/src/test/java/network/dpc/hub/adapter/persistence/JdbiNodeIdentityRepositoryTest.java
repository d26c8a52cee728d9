package network.dpc.hub.adapter.persistence;

import java.time.Instant;
import network.dpc.hub.application.contract.NodeIdentityRepositoryContract;
import network.dpc.hub.application.port.out.NodeIdentityRepository;
import network.dpc.hub.domain.user.Email;
import network.dpc.hub.domain.user.User;
import network.dpc.hub.domain.user.UserId;

import org.junit.jupiter.api.extension.RegisterExtension;

class JdbiNodeIdentityRepositoryTest extends NodeIdentityRepositoryContract {

    @RegisterExtension
    static final MigratedDatabase database = new MigratedDatabase();

    @Override
    protected NodeIdentityRepository emptyRepository() {
        database.truncate("node_identities", "node_challenges");
        return new JdbiNodeIdentityRepository(database.jdbi());
    }

    @Override
    protected UserId existingUser() {
        return database.insertUser();
    }

}
