package network.dpc.hub.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import network.dpc.hub.application.contract.HubCodeStoreContract;
import network.dpc.hub.application.port.out.HubCodeStore;
import network.dpc.hub.domain.login.HubCode;
import network.dpc.hub.domain.user.Email;
import network.dpc.hub.domain.user.User;
import network.dpc.hub.domain.user.UserId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbiHubCodeStoreTest extends HubCodeStoreContract {

    @RegisterExtension
    static final MigratedDatabase database = new MigratedDatabase();

    @Override
    protected HubCodeStore emptyStore() {
        database.truncate("hub_codes", "users");
        return new JdbiHubCodeStore(database.jdbi());
    }

    @Override
    protected UserId registeredUser() {
        return database.insertUser();
    }

    @Test
    void deletingTheUserDeletesTheirCodes() {
        HubCodeStore store = emptyStore();
        UserId doomed = registeredUser();
        HubCode code = hubCode(doomed, NOW.plus(HubCode.LIFETIME));
        HubCode other = hubCode(registeredUser(), NOW.plus(HubCode.LIFETIME));
        store.save(code);
        store.save(other);

        new JdbiUserRepository(database.jdbi()).delete(doomed);

        assertThat(store.take(code.code())).isEmpty();
        assertThat(store.take(other.code())).contains(other);
    }
}
