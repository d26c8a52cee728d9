package network.dpc.hub.domain.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import network.dpc.hub.domain.shared.ErrorKind;
import network.dpc.hub.domain.user.UserId;
import org.junit.jupiter.api.Test;

class NodeSetPolicyTest {

    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");
    private final UserId alice = UserId.random();
    private final UserId bob = UserId.random();
    private final NodeSetPolicy policy = new NodeSetPolicy(3);

    private static NodeId node(int n) {
        return new NodeId("dpc-node-%032x".formatted(n));
    }

    private NodeIdentity held(UserId owner, int n, int minute, boolean proven) {
        return new NodeIdentity(node(n), owner, T0.plusSeconds(60L * minute), proven);
    }

    @Test
    void aFreeIdIsAddedWithoutEvictionBelowTheLimit() {
        UserNodes nodes = new UserNodes(alice, List.of(held(alice, 1, 0, false)));

        NodeRegistration registration = policy.register(node(2), alice, false, T0.plusSeconds(600), Optional.empty(),
                nodes);

        assertThat(registration).isInstanceOf(NodeRegistration.Added.class);
        assertThat(registration.identity()).isEqualTo(new NodeIdentity(node(2), alice, T0.plusSeconds(600), false));
        assertThat(registration.evicted()).isEmpty();
        assertThat(registration.nodesToDisconnect()).isEmpty();
    }

    @Test
    void atTheLimitTheOldestIsEvictedAndReported() {
        UserNodes nodes = new UserNodes(alice, List.of(held(alice, 1, 5, false), held(alice, 2, 1, false),
                held(alice, 3, 9, false)));

        NodeRegistration registration = policy.register(node(4), alice, false, T0.plusSeconds(3600),
                Optional.empty(), nodes);

        assertThat(registration.evicted()).extracting(NodeIdentity::nodeId).containsExactly(node(2));
        assertThat(registration.nodesToDisconnect()).containsExactly(node(2));
    }

    @Test
    void aLoweredLimitEvictsSeveralOldestFirst() {
        List<NodeIdentity> five = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            five.add(held(alice, i, i, false));
        }

        NodeRegistration registration = policy.register(node(9), alice, false, T0.plusSeconds(3600),
                Optional.empty(), new UserNodes(alice, five));

        assertThat(registration.nodesToDisconnect()).containsExactly(node(1), node(2), node(3));
    }

    @Test
    void registeringAHeldNodeAgainRefreshesItWithoutEvictionAndKeepsTheProof() {
        NodeIdentity proven = held(alice, 1, 0, true);
        UserNodes nodes = new UserNodes(alice, List.of(proven, held(alice, 2, 1, false), held(alice, 3, 2, false)));
        Instant later = T0.plusSeconds(3600);

        NodeRegistration registration = policy.register(node(1), alice, false, later, Optional.of(proven), nodes);

        assertThat(registration).isEqualTo(new NodeRegistration.Refreshed(
                new NodeIdentity(node(1), alice, later, true), proven));
        assertThat(registration.nodesToDisconnect()).isEmpty();
    }

    @Test
    void aLaterProofUpgradesTheCallersOwnBinding() {
        NodeIdentity unproven = held(alice, 1, 0, false);

        NodeRegistration registration = policy.register(node(1), alice, true, T0, Optional.of(unproven),
                new UserNodes(alice, List.of(unproven)));

        assertThat(registration.identity().proofOfPossession()).isTrue();
    }

    @Test
    void anIdBoundToAnotherUserIsTaken() {
        NodeIdentity bobs = held(bob, 1, 0, false);

        assertThatThrownBy(() -> policy.register(node(1), alice, false, T0, Optional.of(bobs), UserNodes.none(alice)))
                .isInstanceOfSatisfying(NodeIdTakenException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT);
                    assertThat(e.code()).isEqualTo("node_id_taken");
                    assertThat(e.getMessage()).contains("already registered");
                });
    }

    @Test
    void aProvenRegistrationTakesOverAnUnprovenBindingAndDisconnectsIt() {
        NodeIdentity bobs = held(bob, 1, 0, false);
        UserNodes alices = new UserNodes(alice, List.of(held(alice, 2, 1, false), held(alice, 3, 2, false),
                held(alice, 4, 3, false)));

        NodeRegistration registration = policy.register(node(1), alice, true, T0.plusSeconds(600), Optional.of(bobs),
                alices);

        assertThat(registration).isInstanceOf(NodeRegistration.TakenOver.class);
        assertThat(registration.identity()).isEqualTo(new NodeIdentity(node(1), alice, T0.plusSeconds(600), true));
        assertThat(registration.nodesToDisconnect()).containsExactly(node(1), node(2));
    }

    @Test
    void aProvenBindingCannotBeTakenOverEvenWithAProof() {
        NodeIdentity bobs = held(bob, 1, 0, true);

        assertThatThrownBy(() -> policy.register(node(1), alice, true, T0, Optional.of(bobs), UserNodes.none(alice)))
                .isInstanceOf(NodeIdTakenException.class);
    }

    @Test
    void userNodesAreNewestFirstAndTheNewestIsPrimary() {
        UserNodes nodes = new UserNodes(alice, List.of(held(alice, 1, 0, false), held(alice, 2, 7, false),
                held(alice, 3, 3, false)));

        assertThat(nodes.nodes()).extracting(NodeIdentity::nodeId).containsExactly(node(2), node(3), node(1));
        assertThat(nodes.primary()).map(NodeIdentity::nodeId).contains(node(2));
        assertThat(nodes.isPrimary(node(2))).isTrue();
        assertThat(nodes.isPrimary(node(1))).isFalse();
        assertThat(UserNodes.none(alice).primary()).isEmpty();
    }

    @Test
    void userNodesRefuseForeignOrDuplicateNodes() {
        assertThatThrownBy(() -> new UserNodes(alice, List.of(held(bob, 1, 0, false))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UserNodes(alice, List.of(held(alice, 1, 0, false), held(alice, 1, 1, false))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void limitAndProofSettingAreValidated() {
        assertThat(NodeSetPolicy.standard().maxNodesPerUser()).isEqualTo(5);
        assertThatThrownBy(() -> new NodeSetPolicy(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ProofRequirement.parse(" Required ")).isEqualTo(ProofRequirement.REQUIRED);
        assertThat(ProofRequirement.parse("optional")).isEqualTo(ProofRequirement.OPTIONAL);
        assertThatThrownBy(() -> ProofRequirement.parse("maybe")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NODE_PROOF");
    }

    @Test
    void challengesAreSingleValuedBoundAndExpireAfterFiveMinutes() {
        NodeChallenge challenge = NodeChallenge.issue(alice, new byte[32], T0);

        assertThat(challenge.value()).startsWith("dpc-hub-proof-").hasSize(14 + 43);
        assertThat(challenge.owner()).isEqualTo(alice);
        assertThat(challenge.isExpiredAt(T0.plusSeconds(299))).isFalse();
        assertThat(challenge.isExpiredAt(T0.plusSeconds(300))).isTrue();
        assertThatThrownBy(() -> NodeChallenge.issue(alice, new byte[8], T0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
