package network.dpc.hub.application.contract;

import static network.dpc.hub.application.contract.LoginAttemptStoreContract.randomUrlSafe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import network.dpc.hub.application.port.out.HubCodeStore;
import network.dpc.hub.domain.login.HubCode;
import network.dpc.hub.domain.login.Pkce;
import network.dpc.hub.domain.user.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link HubCodeStore} adapter must show; subclasses supply a fresh, empty store and the ids of
 * users it may refer to (a database adapter needs them to exist).
 */
public abstract class HubCodeStoreContract {

    protected static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");

    private HubCodeStore store;

    protected abstract HubCodeStore emptyStore();

    /** The id of a new user the store may refer to. */
    protected abstract UserId registeredUser();

    @BeforeEach
    void setUpStore() {
        store = emptyStore();
    }

    /** A realistic code with a fresh random value and challenge, expiring at {@code expiresAt}. */
    public static HubCode hubCode(UserId user, Instant expiresAt) {
        return new HubCode(randomUrlSafe(), user, Pkce.challengeOf(randomUrlSafe() + randomUrlSafe()),
                URI.create("http://127.0.0.1:53682/callback"), expiresAt);
    }

    @Test
    void takeReturnsTheSavedCodeExactlyOnce() {
        HubCode saved = hubCode(registeredUser(), NOW.plus(HubCode.LIFETIME));
        store.save(saved);

        assertThat(store.take(saved.code())).contains(saved);
        assertThat(store.take(saved.code())).as("a code is single-use").isEmpty();
    }

    @Test
    void tellsCodesApart() {
        UserId alice = registeredUser();
        HubCode first = hubCode(alice, NOW.plus(HubCode.LIFETIME));
        HubCode second = new HubCode(randomUrlSafe(), registeredUser(), Pkce.challengeOf(randomUrlSafe()),
                URI.create("https://app.example.org/oauth/done"), NOW.plusSeconds(30));
        store.save(first);
        store.save(second);

        assertThat(store.take(second.code())).contains(second);
        assertThat(store.take(first.code())).contains(first);
    }

    @Test
    void takingAnUnknownCodeFindsNothingAndDisturbsNoOther() {
        HubCode saved = hubCode(registeredUser(), NOW.plus(HubCode.LIFETIME));
        store.save(saved);

        assertThat(store.take(randomUrlSafe())).isEmpty();
        assertThat(store.take("")).isEmpty();
        assertThat(store.take(saved.code())).contains(saved);
    }

    @Test
    void aCodeInUseIsNotReplaced() {
        HubCode first = hubCode(registeredUser(), NOW.plus(HubCode.LIFETIME));
        HubCode impostor = new HubCode(first.code(), registeredUser(), Pkce.challengeOf(randomUrlSafe()),
                URI.create("http://127.0.0.1:9999/evil"), first.expiresAt());
        store.save(first);

        assertThatThrownBy(() -> store.save(impostor)).isInstanceOf(IllegalStateException.class);
        assertThat(store.take(first.code())).contains(first);
    }

    @Test
    void takeLeavesTheExpiryDecisionToTheCaller() {
        HubCode stale = hubCode(registeredUser(), NOW.minusSeconds(1));
        store.save(stale);

        assertThat(store.take(stale.code())).contains(stale);
    }

    @Test
    void purgeRemovesExactlyTheCodesExpiredAtThatTimeAndCountsThem() {
        UserId user = registeredUser();
        HubCode earlier = hubCode(user, NOW.minusSeconds(1));
        HubCode atNow = hubCode(user, NOW);
        HubCode later = hubCode(user, NOW.plusSeconds(1));
        store.save(earlier);
        store.save(atNow);
        store.save(later);

        assertThat(store.purgeExpired(NOW)).isEqualTo(2);

        assertThat(store.take(earlier.code())).isEmpty();
        assertThat(store.take(atNow.code())).isEmpty();
        assertThat(store.take(later.code())).contains(later);
        assertThat(store.purgeExpired(NOW)).isZero();
    }

    @Test
    void concurrentTakesOfOneCodeHaveExactlyOneWinner() {
        HubCode saved = hubCode(registeredUser(), NOW.plus(HubCode.LIFETIME));
        store.save(saved);

        List<Optional<HubCode>> results = ConcurrentCalls.race(8, () -> store.take(saved.code()));

        assertThat(results).filteredOn(Optional::isPresent).hasSize(1).first().isEqualTo(Optional.of(saved));
        assertThat(store.take(saved.code())).isEmpty();
    }
}
