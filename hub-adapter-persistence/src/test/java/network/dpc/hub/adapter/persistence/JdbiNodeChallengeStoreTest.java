package network.dpc.hub.adapter.persistence;

import network.dpc.hub.application.contract.NodeChallengeStoreContract;
import network.dpc.hub.application.port.out.NodeChallengeStore;
import network.dpc.hub.domain.user.UserId;

import org.junit.jupiter.api.extension.RegisterExtension;

class JdbiNodeChallengeStoreTest extends NodeChallengeStoreContract {

    @RegisterExtension
    static final MigratedDatabase database = new MigratedDatabase();

    @Override
    protected NodeChallengeStore emptyStore() {
        database.truncate("node_identities", "node_challenges");
        return new JdbiNodeChallengeStore(database.jdbi());
    }

    @Override
    protected UserId existingUser() {
        return database.insertUser();
    }
}
