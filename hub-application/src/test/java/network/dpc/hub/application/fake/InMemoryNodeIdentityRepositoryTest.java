package network.dpc.hub.application.fake;

import network.dpc.hub.application.contract.NodeIdentityRepositoryContract;
import network.dpc.hub.application.port.out.NodeIdentityRepository;
import network.dpc.hub.domain.user.UserId;

class InMemoryNodeIdentityRepositoryTest extends NodeIdentityRepositoryContract {

    @Override
    protected NodeIdentityRepository emptyRepository() {
        return new InMemoryNodeIdentityRepository();
    }

    @Override
    protected UserId existingUser() {
        return UserId.random();
    }
}
