package network.dpc.hub.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import network.dpc.hub.application.contract.HubCodeStoreContract;
import network.dpc.hub.application.port.out.HubCodeStore;
import network.dpc.hub.domain.login.HubCode;
import network.dpc.hub.domain.user.Email;
import network.dpc.hub.domain.user.User;
import network.dpc.hub.domain.user.UserId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JdbiHubCodeStoreTest extends HubCodeStoreContract {

    private static PostgresDatabase database;

    @BeforeAll
    static void openDatabase() {
        database = TestDatabase.newMigratedDatabase();
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @Override
    protected HubCodeStore emptyStore() {
        database.jdbi().useHandle(h -> h.execute("TRUNCATE hub_codes, users CASCADE"));
        return new JdbiHubCodeStore(database.jdbi());
    }

    @Override
    protected UserId registeredUser() {
        User user = User.register(new Email("user-" + UUID.randomUUID() + "@example.org"), "google", NOW);
        new JdbiUserRepository(database.jdbi()).save(user);
        return user.id();
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
