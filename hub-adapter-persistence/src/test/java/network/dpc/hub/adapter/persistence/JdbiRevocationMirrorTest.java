package network.dpc.hub.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import network.dpc.hub.application.contract.RevocationStoreContract;
import network.dpc.hub.application.port.out.RevocationStore;
import network.dpc.hub.domain.user.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The revocation store with its in-memory mirror running: the same contract, and what the mirror adds. */
class JdbiRevocationMirrorTest extends RevocationStoreContract {

    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration STALENESS = Duration.ofSeconds(30);

    @RegisterExtension
    static final MigratedDatabase database = new MigratedDatabase();

    private final List<JdbiRevocationStore> started = new ArrayList<>();

    @Override
    protected RevocationStore emptyStore(Clock clock) {
        database.truncate("token_revocations");
        database.truncate("token_cutoffs");
        return mirrored(clock);
    }

    private JdbiRevocationStore mirrored(Clock clock) {
        JdbiRevocationStore store = new JdbiRevocationStore(database.jdbi(), clock);
        store.startMirror(POLL, STALENESS);
        started.add(store);
        return store;
    }

    @AfterEach
    void stopMirrors() {
        started.forEach(JdbiRevocationStore::close);
    }

    @Test
    void anotherInstancesRevocationsAndCutOffsArriveWithinASecond() {
        JdbiRevocationStore here = mirrored(clock);
        JdbiRevocationStore there = new JdbiRevocationStore(database.jdbi(), clock);
        UserId alice = UserId.random();
        assertThat(here.isRevoked("jti-elsewhere", alice, NOW.minusSeconds(5))).isFalse();

        there.revoke("jti-elsewhere", NOW.plus(Duration.ofMinutes(30)));
        there.cutOff(alice, NOW, NOW.plus(Duration.ofDays(30)));

        Await.until("the revocation here", Duration.ofSeconds(1), () -> here.isRevoked("jti-elsewhere"));
        Await.until("the cut-off here", Duration.ofSeconds(1),
                () -> here.isRevoked("jti-other", alice, NOW.minusSeconds(5)));
    }

    @Test
    void answersFromMemoryOnceSynchronised() {
        JdbiRevocationStore store = mirrored(clock);
        UserId alice = UserId.random();
        store.revoke("jti-mirrored", NOW.plus(Duration.ofMinutes(30)));
        store.cutOff(alice, NOW, NOW.plus(Duration.ofDays(30)));

        database.jdbi().useHandle(h -> h.execute("DELETE FROM token_revocations"));
        database.jdbi().useHandle(h -> h.execute("DELETE FROM token_cutoffs"));

        assertThat(store.isRevoked("jti-mirrored")).isTrue();
        assertThat(store.isRevoked("jti-any", alice, NOW.minusSeconds(1))).isTrue();
        assertThat(new JdbiRevocationStore(database.jdbi(), clock).isRevoked("jti-mirrored"))
                .as("the database itself no longer has it").isFalse();
    }

    @Test
    void aWriteCommittedAfterAPollButRecordedBeforeItIsStillSeen() {
        JdbiRevocationStore store = mirrored(clock);
        store.synchronise();

        database.jdbi().useHandle(h -> h.execute("INSERT INTO token_revocations (jti, expires_at, recorded_at) "
                + "VALUES ('jti-late', now() + interval '30 minutes', clock_timestamp() - interval '5 seconds')"));
        store.synchronise();

        assertThat(store.isRevoked("jti-late")).isTrue();
    }

    @Test
    void rowsWrittenBeforeTheStartAreLoaded() {
        JdbiRevocationStore writer = new JdbiRevocationStore(database.jdbi(), clock);
        UserId bob = UserId.random();
        writer.revoke("jti-before", NOW.plus(Duration.ofMinutes(30)));
        writer.cutOff(bob, NOW, NOW.plus(Duration.ofDays(1)));

        JdbiRevocationStore store = mirrored(clock);
        database.jdbi().useHandle(h -> h.execute("DELETE FROM token_revocations"));
        database.jdbi().useHandle(h -> h.execute("DELETE FROM token_cutoffs"));

        assertThat(store.isRevoked("jti-before")).isTrue();
        assertThat(store.isRevoked("jti-x", bob, NOW.minusSeconds(1))).isTrue();
        assertThat(store.isRevoked("jti-x", bob, NOW)).isFalse();
    }

    @Test
    void afterCloseEveryAnswerComesFromTheDatabaseAgain() {
        JdbiRevocationStore store = mirrored(clock);
        store.revoke("jti-closed", NOW.plus(Duration.ofMinutes(30)));
        UserId carol = UserId.random();
        store.cutOff(carol, NOW, NOW.plus(Duration.ofDays(1)));
        store.close();
        database.jdbi().useHandle(h -> h.execute("DELETE FROM token_cutoffs"));

        assertThat(store.isRevoked("jti-x", carol, NOW.minusSeconds(1))).isFalse();
        assertThat(store.isRevoked("jti-closed")).as("still stored").isTrue();
    }
}
