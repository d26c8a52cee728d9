package network.dpc.hub.application.fake;

import java.time.Clock;
import network.dpc.hub.application.contract.RevocationStoreContract;
import network.dpc.hub.application.port.out.RevocationStore;

class InMemoryRevocationStoreTest extends RevocationStoreContract {

    @Override
    protected RevocationStore emptyStore(Clock clock) {
        return new InMemoryRevocationStore(clock);
    }
}
