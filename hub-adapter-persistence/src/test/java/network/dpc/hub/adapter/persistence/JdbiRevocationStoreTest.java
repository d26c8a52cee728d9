package network.dpc.hub.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import network.dpc.hub.application.contract.RevocationStoreContract;
import network.dpc.hub.application.port.out.RevocationStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbiRevocationStoreTest extends RevocationStoreContract {

    @RegisterExtension
    static final MigratedDatabase database = new MigratedDatabase();

    @Override
    protected RevocationStore emptyStore(Clock clock) {
        database.truncate("token_revocations");
        database.truncate("token_cutoffs");
        return new JdbiRevocationStore(database.jdbi(), clock);
    }

    @Test
    void twoInstancesOnOneDatabaseSeeEachOthersRevocationsAtOnce() {
        JdbiRevocationStore first = new JdbiRevocationStore(database.jdbi(), clock);
        JdbiRevocationStore second = new JdbiRevocationStore(database.jdbi(), clock);
        Instant expiry = NOW.plus(Duration.ofMinutes(30));
        assertThat(second.isRevoked("jti-shared")).isFalse();

        first.revoke("jti-shared", expiry);
        second.revoke("jti-other", expiry);

        assertThat(second.isRevoked("jti-shared")).as("a negative answer was not cached").isTrue();
        assertThat(first.isRevoked("jti-other")).isTrue();
        assertThat(first.liveRevocations()).isEqualTo(2);
        assertThat(second.liveRevocations()).isEqualTo(2);
    }

    @Test
    void remembersRevocationsItHasSeenUntilTheirExpiry() {
        JdbiRevocationStore store = new JdbiRevocationStore(database.jdbi(), clock);
        new JdbiRevocationStore(database.jdbi(), clock).revoke("jti-seen", NOW.plus(Duration.ofMinutes(30)));
        assertThat(store.isRevoked("jti-seen")).isTrue();
        database.jdbi().useHandle(h -> h.execute("DELETE FROM token_revocations"));

        assertThat(store.isRevoked("jti-seen")).as("answered from the cache").isTrue();

        clock.advance(Duration.ofMinutes(30));
        assertThat(store.isRevoked("jti-seen")).as("an expired cache entry asks the database again").isFalse();
    }

    @Test
    void purgeAlsoEmptiesTheCacheOfExpiredRevocations() {
        JdbiRevocationStore store = new JdbiRevocationStore(database.jdbi(), clock);
        store.revoke("jti-access", NOW.plus(Duration.ofMinutes(30)));
        store.revoke("jti-refresh", NOW.plus(Duration.ofDays(30)));
        assertThat(store.cachedRevocations()).isEqualTo(2);

        assertThat(store.purgeExpired(NOW.plus(Duration.ofHours(1)))).isEqualTo(1);

        assertThat(store.cachedRevocations()).isEqualTo(1);
        assertThat(store.isRevoked("jti-access")).isFalse();
        assertThat(store.isRevoked("jti-refresh")).isTrue();
    }

    @Test
    void theCacheStaysWithinItsBoundAndEveryRevocationStillCounts() {
        JdbiRevocationStore store = new JdbiRevocationStore(database.jdbi(), clock, 3);
        for (int i = 1; i <= 10; i++) {
            store.revoke("jti-" + i, NOW.plus(Duration.ofMinutes(i)));
        }

        assertThat(store.cachedRevocations()).isEqualTo(3);
        for (int i = 1; i <= 10; i++) {
            assertThat(store.isRevoked("jti-" + i)).as("jti-" + i).isTrue();
            assertThat(store.cachedRevocations()).isLessThanOrEqualTo(3);
        }
        assertThat(store.liveRevocations()).isEqualTo(10);
    }

    @Test
    void doesNotCacheRevocationsOfTokensAlreadyExpired() {
        JdbiRevocationStore store = new JdbiRevocationStore(database.jdbi(), clock);

        store.revoke("jti-stale", NOW.minusSeconds(1));

        assertThat(store.cachedRevocations()).isZero();
        assertThat(store.isRevoked("jti-stale")).as("still stored until purged").isTrue();
    }

    @Test
    void refusesAZeroCapacityCache() {
        assertThatThrownBy(() -> new JdbiRevocationStore(database.jdbi(), clock, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
