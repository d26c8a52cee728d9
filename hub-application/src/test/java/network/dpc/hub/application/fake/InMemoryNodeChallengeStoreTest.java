package network.dpc.hub.application.fake;

import network.dpc.hub.application.contract.NodeChallengeStoreContract;
import network.dpc.hub.application.port.out.NodeChallengeStore;
import network.dpc.hub.domain.user.UserId;

class InMemoryNodeChallengeStoreTest extends NodeChallengeStoreContract {

    @Override
    protected NodeChallengeStore emptyStore() {
        return new InMemoryNodeChallengeStore();
    }

    @Override
    protected UserId existingUser() {
        return UserId.random();
    }
}
