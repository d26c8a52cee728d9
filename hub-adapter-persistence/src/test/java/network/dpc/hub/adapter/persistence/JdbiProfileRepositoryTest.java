package network.dpc.hub.adapter.persistence;

import network.dpc.hub.application.contract.ProfileRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbiProfileRepositoryTest extends ProfileRepositoryContract {

    @RegisterExtension
    static final MigratedDatabase database = new MigratedDatabase();

    @Override
    protected World emptyWorld() {
        database.truncate("users", "topic_counts");
        return new World(new JdbiProfileRepository(database.jdbi()), new JdbiNodeIdentityRepository(database.jdbi()),
                database::insertUser);
    }
}
