package network.dpc.hub.application.fake;

import network.dpc.hub.application.contract.UserRepositoryContract;
import network.dpc.hub.application.port.out.UserRepository;

class InMemoryUserRepositoryTest extends UserRepositoryContract {

    @Override
    protected UserRepository emptyRepository() {
        return new InMemoryUserRepository();
    }
}
