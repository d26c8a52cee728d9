package network.dpc.hub.application.fake;

import network.dpc.hub.application.contract.ProfileRepositoryContract;
import network.dpc.hub.domain.user.UserId;

class InMemoryProfileRepositoryTest extends ProfileRepositoryContract {

    @Override
    protected World emptyWorld() {
        InMemoryNodeIdentityRepository nodes = new InMemoryNodeIdentityRepository();
        return new World(new InMemoryProfileRepository(nodes), nodes, UserId::random);
    }
}
