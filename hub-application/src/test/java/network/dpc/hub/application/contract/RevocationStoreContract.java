package network.dpc.hub.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import network.dpc.hub.application.fake.MutableClock;
import network.dpc.hub.application.port.out.RevocationStore;
import network.dpc.hub.domain.user.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link RevocationStore} adapter must show; subclasses supply a fresh, empty store that reads
 * the given clock for {@link RevocationStore#liveRevocations()}.
 */
public abstract class RevocationStoreContract {

    protected static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");

    protected MutableClock clock;
    private RevocationStore store;

    protected abstract RevocationStore emptyStore(Clock clock);

    @BeforeEach
    void setUpStore() {
        clock = new MutableClock(NOW);
        store = emptyStore(clock);
    }

    @Test
    void aRevokedIdIsRevokedAndOthersAreNot() {
        store.revoke("jti-alice-1", NOW.plus(Duration.ofMinutes(30)));

        assertThat(store.isRevoked("jti-alice-1")).isTrue();
        assertThat(store.isRevoked("jti-alice-2")).isFalse();
        assertThat(store.isRevoked("JTI-ALICE-1")).as("ids are case-sensitive").isFalse();
    }

    @Test
    void anEmptyStoreHasNothingToCountOrPurge() {
        assertThat(store.liveRevocations()).isZero();
        assertThat(store.purgeExpired(NOW)).isZero();
        assertThat(store.isRevoked("jti-unknown")).isFalse();
    }

    @Test
    void revokingTwiceIsHarmlessAndCountsOnce() {
        Instant expiry = NOW.plus(Duration.ofMinutes(30));

        store.revoke("jti-twice", expiry);
        store.revoke("jti-twice", expiry);

        assertThat(store.isRevoked("jti-twice")).isTrue();
        assertThat(store.liveRevocations()).isEqualTo(1);
        assertThat(store.purgeExpired(expiry)).isEqualTo(1);
        assertThat(store.isRevoked("jti-twice")).isFalse();
    }

    @Test
    void purgeForgetsExactlyTheRevocationsExpiredAtThatTimeAndCountsThem() {
        store.revoke("jti-expired-earlier", NOW.minusSeconds(1));
        store.revoke("jti-expires-now", NOW);
        store.revoke("jti-expires-soon", NOW.plusSeconds(1));
        store.revoke("jti-refresh", NOW.plus(Duration.ofDays(30)));

        assertThat(store.purgeExpired(NOW)).isEqualTo(2);

        assertThat(store.isRevoked("jti-expired-earlier")).isFalse();
        assertThat(store.isRevoked("jti-expires-now")).isFalse();
        assertThat(store.isRevoked("jti-expires-soon")).isTrue();
        assertThat(store.isRevoked("jti-refresh")).isTrue();
        assertThat(store.purgeExpired(NOW)).as("a second purge finds nothing").isZero();
    }

    @Test
    void liveRevocationsCountsOnlyThoseNotYetExpiredAtTheClocksNow() {
        store.revoke("jti-access", NOW.plus(Duration.ofMinutes(30)));
        store.revoke("jti-refresh", NOW.plus(Duration.ofDays(30)));
        store.revoke("jti-already-expired", NOW.minusSeconds(5));

        assertThat(store.liveRevocations()).isEqualTo(2);

        clock.advance(Duration.ofMinutes(30));
        assertThat(store.liveRevocations()).as("a revocation at its expiry is no longer live").isEqualTo(1);

        clock.advance(Duration.ofDays(30));
        assertThat(store.liveRevocations()).isZero();
    }

    @Test
    void concurrentRevocationsOfOneIdAllSucceedAndCountOnce() {
        Instant expiry = NOW.plus(Duration.ofMinutes(30));

        ConcurrentCalls.race(8, () -> {
            store.revoke("jti-contended", expiry);
            return true;
        });

        assertThat(store.isRevoked("jti-contended")).isTrue();
        assertThat(store.liveRevocations()).isEqualTo(1);
    }

    @Test
    void aCutOffKillsTheUsersTokensIssuedBeforeItAndNoOthers() {
        UserId alice = UserId.random();
        UserId bob = UserId.random();
        Instant cutOff = NOW.plusSeconds(1);

        store.cutOff(alice, cutOff, NOW.plus(Duration.ofDays(30)));

        assertThat(store.isRevoked("jti-a1", alice, NOW)).isTrue();
        assertThat(store.isRevoked("jti-a2", alice, cutOff.minusMillis(1))).isTrue();
        assertThat(store.isRevoked("jti-a3", alice, cutOff)).as("issued at the cut-off itself").isFalse();
        assertThat(store.isRevoked("jti-b1", bob, NOW)).as("another user").isFalse();
        assertThat(store.isRevoked("jti-a1")).as("the id alone is not revoked").isFalse();
    }

    @Test
    void aRevokedIdIsRevokedWhateverItsUserAndIssueTime() {
        store.revoke("jti-alice-1", NOW.plus(Duration.ofMinutes(30)));

        assertThat(store.isRevoked("jti-alice-1", UserId.random(), NOW)).isTrue();
        assertThat(store.isRevoked("jti-alice-2", UserId.random(), NOW)).isFalse();
    }

    @Test
    void aCutOffNeverMovesBack() {
        UserId alice = UserId.random();

        store.cutOff(alice, NOW.plusSeconds(60), NOW.plus(Duration.ofDays(30)));
        store.cutOff(alice, NOW.plusSeconds(10), NOW.plus(Duration.ofDays(30)));

        assertThat(store.isRevoked("jti-a", alice, NOW.plusSeconds(30))).isTrue();
    }

    @Test
    void purgeForgetsCutOffsPastTheirForgetTimeAndCountsThem() {
        UserId kept = UserId.random();
        UserId forgotten = UserId.random();
        store.cutOff(kept, NOW, NOW.plusSeconds(1));
        store.cutOff(forgotten, NOW, NOW);

        assertThat(store.purgeExpired(NOW)).isEqualTo(1);

        assertThat(store.isRevoked("jti-k", kept, NOW.minusSeconds(1))).isTrue();
        assertThat(store.isRevoked("jti-f", forgotten, NOW.minusSeconds(1))).isFalse();
    }
}
