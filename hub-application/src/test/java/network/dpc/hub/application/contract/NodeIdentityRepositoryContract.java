package network.dpc.hub.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import network.dpc.hub.application.port.out.NodeIdentityRepository;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.node.NodeIdTakenException;
import network.dpc.hub.domain.node.NodeIdentity;
import network.dpc.hub.domain.shared.ErrorKind;
import network.dpc.hub.domain.user.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link NodeIdentityRepository} adapter must show; subclasses supply a fresh, empty repository
 * and users that exist in its world (a database needs the {@code users} rows its foreign key points at).
 */
public abstract class NodeIdentityRepositoryContract {

    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

    private NodeIdentityRepository nodes;
    private UserId alice;
    private UserId bob;

    protected abstract NodeIdentityRepository emptyRepository();

    /** A user id the repository accepts as an owner. */
    protected abstract UserId existingUser();

    @BeforeEach
    void setUp() {
        nodes = emptyRepository();
        alice = existingUser();
        bob = existingUser();
    }

    private static NodeId node(int n) {
        return new NodeId("dpc-node-%032x".formatted(n));
    }

    private static NodeIdentity bound(int n, UserId owner, int minute, boolean proven) {
        return new NodeIdentity(node(n), owner, T0.plusSeconds(60L * minute), proven);
    }

    @Test
    void findsAnAddedBindingByIdAndByOwnerNewestFirst() {
        nodes.add(bound(1, alice, 0, false), List.of());
        nodes.add(bound(2, alice, 5, true), List.of());
        nodes.add(new NodeIdentity(new NodeId("dpc-node-0123456789abcdef"), bob, T0, false), List.of());

        assertThat(nodes.findById(node(2))).contains(bound(2, alice, 5, true));
        assertThat(nodes.findById(node(3))).isEmpty();
        assertThat(nodes.findByOwner(alice).nodes()).containsExactly(bound(2, alice, 5, true),
                bound(1, alice, 0, false));
        assertThat(nodes.findByOwner(bob).nodes()).extracting(n -> n.nodeId().value())
                .containsExactly("dpc-node-0123456789abcdef");
        assertThat(nodes.findByOwner(existingUser()).nodes()).isEmpty();
    }

    @Test
    void addingABoundIdFailsAsTakenAndChangesNothing() {
        nodes.add(bound(1, bob, 0, false), List.of());
        nodes.add(bound(2, alice, 0, false), List.of());

        assertThatThrownBy(() -> nodes.add(bound(1, alice, 3, false), List.of(node(2))))
                .isInstanceOfSatisfying(NodeIdTakenException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT);
                    assertThat(e.code()).isEqualTo("node_id_taken");
                });
        assertThat(nodes.findById(node(1))).contains(bound(1, bob, 0, false));
        assertThat(nodes.findById(node(2))).as("the eviction was rolled back").contains(bound(2, alice, 0, false));
        assertThatThrownBy(() -> nodes.add(bound(1, bob, 3, false), List.of()))
                .as("even for the same owner").isInstanceOf(NodeIdTakenException.class);
    }

    @Test
    void addingEvictsOnlyTheOwnersListedNodes() {
        nodes.add(bound(1, alice, 0, false), List.of());
        nodes.add(bound(2, alice, 1, false), List.of());
        nodes.add(bound(3, bob, 2, false), List.of());

        nodes.add(bound(4, alice, 3, false), List.of(node(1), node(3)));

        assertThat(nodes.findByOwner(alice).nodes()).extracting(NodeIdentity::nodeId)
                .containsExactly(node(4), node(2));
        assertThat(nodes.findById(node(3))).as("bob's node is not alice's to evict").isPresent();
    }

    @Test
    void refreshUpdatesTimeAndProofOfTheOwnersBindingOnly() {
        nodes.add(bound(1, alice, 0, false), List.of());

        nodes.refresh(bound(1, alice, 9, true));

        assertThat(nodes.findById(node(1))).contains(bound(1, alice, 9, true));
        assertThatThrownBy(() -> nodes.refresh(bound(1, bob, 10, true))).isInstanceOf(NodeIdTakenException.class);
        assertThatThrownBy(() -> nodes.refresh(bound(2, alice, 10, true))).isInstanceOf(NodeIdTakenException.class);
        assertThat(nodes.findById(node(1))).contains(bound(1, alice, 9, true));
        assertThat(nodes.findById(node(2))).isEmpty();
    }

    @Test
    void takeOverMovesAnUnprovenBindingAndEvicts() {
        NodeIdentity bobs = bound(1, bob, 0, false);
        nodes.add(bobs, List.of());
        nodes.add(bound(2, alice, 1, false), List.of());

        nodes.takeOver(bound(1, alice, 5, true), bobs, List.of(node(2)));

        assertThat(nodes.findById(node(1))).contains(bound(1, alice, 5, true));
        assertThat(nodes.findById(node(2))).isEmpty();
        assertThat(nodes.findByOwner(bob).nodes()).isEmpty();
    }

    @Test
    void takeOverFailsWhenTheBindingChangedMeanwhileAndChangesNothing() {
        NodeIdentity bobsUnproven = bound(1, bob, 0, false);
        nodes.add(bound(1, bob, 0, true), List.of());
        nodes.add(bound(2, alice, 1, false), List.of());

        assertThatThrownBy(() -> nodes.takeOver(bound(1, alice, 5, true), bobsUnproven, List.of(node(2))))
                .isInstanceOf(NodeIdTakenException.class);
        assertThatThrownBy(() -> nodes.takeOver(bound(3, alice, 5, true), bound(3, bob, 0, false), List.of()))
                .isInstanceOf(NodeIdTakenException.class);
        assertThat(nodes.findById(node(1))).contains(bound(1, bob, 0, true));
        assertThat(nodes.findById(node(2))).isPresent();
        assertThat(nodes.findById(node(3))).isEmpty();
    }

    @Test
    void deleteRemovesOnlyTheOwnersBindingOnce() {
        nodes.add(bound(1, alice, 0, false), List.of());

        assertThat(nodes.delete(bob, node(1))).isFalse();
        assertThat(nodes.findById(node(1))).isPresent();
        assertThat(nodes.delete(alice, node(1))).isTrue();
        assertThat(nodes.delete(alice, node(1))).isFalse();
        assertThat(nodes.findById(node(1))).isEmpty();
    }

    @Test
    void keepsShortAndLongIdsApart() {
        NodeId shortId = new NodeId("dpc-node-438692b8555af8da");
        NodeId longId = new NodeId("dpc-node-438692b8555af8daf077c7746affc537");
        nodes.add(new NodeIdentity(shortId, alice, T0, false), List.of());
        nodes.add(new NodeIdentity(longId, bob, T0, false), List.of());

        assertThat(nodes.findById(shortId)).map(NodeIdentity::owner).contains(alice);
        assertThat(nodes.findById(longId)).map(NodeIdentity::owner).contains(bob);
    }

    @RepeatedTest(5)
    void ofConcurrentAddsOfOneIdByDifferentUsersExactlyOneWins() throws Exception {
        int contenders = 4;
        List<UserId> users = new ArrayList<>();
        for (int i = 0; i < contenders; i++) {
            users.add(existingUser());
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(contenders)) {
            for (UserId user : users) {
                Callable<String> attempt = () -> {
                    start.await(10, TimeUnit.SECONDS);
                    try {
                        nodes.add(new NodeIdentity(node(7), user, T0, false), List.of());
                        return "won";
                    } catch (NodeIdTakenException e) {
                        return e.code();
                    }
                };
                outcomes.add(pool.submit(attempt));
            }
            start.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get(30, TimeUnit.SECONDS));
            }
            assertThat(results).containsOnlyOnce("won");
            assertThat(results).filteredOn(r -> !r.equals("won")).hasSize(contenders - 1)
                    .containsOnly("node_id_taken");
        }
        UserId winner = nodes.findById(node(7)).orElseThrow().owner();
        assertThat(users).contains(winner);
    }
}
