package network.dpc.hub.application.fake;

import network.dpc.hub.application.contract.LoginAttemptStoreContract;
import network.dpc.hub.application.port.out.LoginAttemptStore;

class InMemoryLoginAttemptStoreTest extends LoginAttemptStoreContract {

    @Override
    protected LoginAttemptStore emptyStore() {
        return new InMemoryLoginAttemptStore();
    }
}
