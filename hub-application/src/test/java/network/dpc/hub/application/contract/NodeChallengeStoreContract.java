package network.dpc.hub.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import network.dpc.hub.application.port.out.NodeChallengeStore;
import network.dpc.hub.domain.node.NodeChallenge;
import network.dpc.hub.domain.user.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link NodeChallengeStore} adapter must show; subclasses supply a fresh, empty store. */
public abstract class NodeChallengeStoreContract {

    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

    private NodeChallengeStore challenges;
    private UserId alice;

    protected abstract NodeChallengeStore emptyStore();

    /** A user id the store accepts as a challenge's owner. */
    protected abstract UserId existingUser();

    @BeforeEach
    void setUp() {
        challenges = emptyStore();
        alice = existingUser();
    }

    private static NodeChallenge challenge(UserId owner, int seed, Instant issuedAt) {
        byte[] bytes = new byte[NodeChallenge.RANDOM_BYTES];
        bytes[0] = (byte) seed;
        bytes[1] = (byte) (seed >> 8);
        return NodeChallenge.issue(owner, bytes, issuedAt);
    }

    @Test
    void aSavedChallengeCanBeTakenExactlyOnce() {
        NodeChallenge issued = challenge(alice, 1, T0);
        challenges.save(issued);

        assertThat(challenges.take(issued.value())).contains(issued);
        assertThat(challenges.take(issued.value())).isEmpty();
    }

    @Test
    void takeReturnsExpiredAndOtherUsersChallengesForTheCallerToJudge() {
        UserId bob = existingUser();
        NodeChallenge bobs = challenge(bob, 2, T0.minusSeconds(3600));
        challenges.save(bobs);

        assertThat(challenges.take(bobs.value())).contains(bobs);
    }

    @Test
    void unknownValuesAreEmpty() {
        assertThat(challenges.take("dpc-hub-proof-nothing-like-this")).isEmpty();
    }

    @Test
    void deleteExpiredForgetsOnlyChallengesPastTheirExpiry() {
        NodeChallenge old = challenge(alice, 3, T0.minusSeconds(300));
        NodeChallenge fresh = challenge(alice, 4, T0.minusSeconds(299));
        challenges.save(old);
        challenges.save(fresh);

        assertThat(challenges.deleteExpired(T0)).isEqualTo(1);
        assertThat(challenges.take(old.value())).isEmpty();
        assertThat(challenges.take(fresh.value())).contains(fresh);
    }

    @Test
    void ofConcurrentTakesExactlyOneReceivesTheChallenge() throws Exception {
        for (int round = 0; round < 10; round++) {
            NodeChallenge issued = challenge(alice, 100 + round, T0);
            challenges.save(issued);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Optional<NodeChallenge>>> takes = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
                for (int i = 0; i < 4; i++) {
                    takes.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        return challenges.take(issued.value());
                    }));
                }
                start.countDown();
                int received = 0;
                for (Future<Optional<NodeChallenge>> take : takes) {
                    received += take.get(30, TimeUnit.SECONDS).isPresent() ? 1 : 0;
                }
                assertThat(received).isEqualTo(1);
            }
        }
    }
}
