package network.dpc.hub.application.fake;

import network.dpc.hub.application.contract.HubCodeStoreContract;
import network.dpc.hub.application.port.out.HubCodeStore;
import network.dpc.hub.domain.user.UserId;

class InMemoryHubCodeStoreTest extends HubCodeStoreContract {

    @Override
    protected HubCodeStore emptyStore() {
        return new InMemoryHubCodeStore();
    }

    @Override
    protected UserId registeredUser() {
        return UserId.random();
    }
}
