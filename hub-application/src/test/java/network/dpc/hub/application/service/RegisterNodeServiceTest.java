package network.dpc.hub.application.service;

import static network.dpc.hub.application.fake.SyntheticNodeCertificates.certificate;
import static network.dpc.hub.application.fake.SyntheticNodeCertificates.nodeIdOf;
import static network.dpc.hub.application.fake.SyntheticNodeCertificates.proof;
import static network.dpc.hub.application.fake.SyntheticNodeCertificates.publicKeyPem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import network.dpc.hub.application.fake.InMemoryNodeChallengeStore;
import network.dpc.hub.application.fake.InMemoryNodeIdentityRepository;
import network.dpc.hub.application.fake.MutableClock;
import network.dpc.hub.application.fake.RecordingSessionCloser;
import network.dpc.hub.application.fake.RecordingSessionCloser.ClosedNode;
import network.dpc.hub.application.fake.SyntheticNodeCertificates;
import network.dpc.hub.application.port.in.RegisterNodeCommand;
import network.dpc.hub.application.port.in.RegisterNodeResult;
import network.dpc.hub.application.port.out.NodeIdentityRepository;
import network.dpc.hub.domain.signaling.SocketClose;
import network.dpc.hub.domain.node.InvalidNodeRegistrationException;
import network.dpc.hub.domain.node.NodeCertificate;
import network.dpc.hub.domain.node.NodeChallenge;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.node.NodeIdTakenException;
import network.dpc.hub.domain.node.NodeIdentity;
import network.dpc.hub.domain.node.NodeIdentityPolicy;
import network.dpc.hub.domain.node.NodeProof;
import network.dpc.hub.domain.node.NodeSetPolicy;
import network.dpc.hub.domain.node.ProofRequirement;
import network.dpc.hub.domain.node.RegistrationCheck;
import network.dpc.hub.domain.node.UserNodes;
import network.dpc.hub.domain.user.UserId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RegisterNodeServiceTest {

    private static final Instant ISSUED = Instant.parse("2026-11-27T08:00:00Z");
    private static KeyPair[] keys;

    private final MutableClock clock = new MutableClock(ISSUED.plusSeconds(60));
    private final InMemoryNodeIdentityRepository nodes = new InMemoryNodeIdentityRepository();
    private final InMemoryNodeChallengeStore challenges = new InMemoryNodeChallengeStore();
    private final RecordingSessionCloser sessions = new RecordingSessionCloser();
    private final IssueNodeChallengeService issuer = new IssueNodeChallengeService(challenges, new SecureRandom(),
            clock);
    private final UserId alice = UserId.random();
    private final UserId bob = UserId.random();

    @BeforeAll
    static void generateKeys() {
        keys = new KeyPair[4];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = SyntheticNodeCertificates.rsa2048();
        }
    }

    private RegisterNodeService service(ProofRequirement requirement, int maxNodes) {
        return service(nodes, requirement, maxNodes);
    }

    private RegisterNodeService service(NodeIdentityRepository repository, ProofRequirement requirement,
            int maxNodes) {
        return new RegisterNodeService(repository, challenges, sessions, NodeIdentityPolicy.standard(),
                new NodeSetPolicy(maxNodes), requirement, clock);
    }

    private static RegisterNodeCommand command(UserId caller, KeyPair device, Optional<NodeProof> proof) {
        return new RegisterNodeCommand(caller, nodeIdOf(device), publicKeyPem(device), certificate(device, ISSUED),
                proof);
    }

    private static void assertCheckFails(RegistrationCheck check, String reasonPart, Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(InvalidNodeRegistrationException.class, e -> {
            assertThat(e.check()).isEqualTo(check);
            assertThat(e.code()).isEqualTo("invalid_node_registration");
            assertThat(e.getMessage()).contains("check " + check.number()).contains(reasonPart);
        });
    }

    @Test
    void registersAFieldClientNodeWithoutProof() {
        RegisterNodeResult result = service(ProofRequirement.OPTIONAL, 5).register(command(alice, keys[0],
                Optional.empty()));

        NodeIdentity expected = new NodeIdentity(nodeIdOf(keys[0]), alice, clock.instant(), false);
        assertThat(result.identity()).isEqualTo(expected);
        assertThat(result.disconnected()).isEmpty();
        assertThat(nodes.findById(nodeIdOf(keys[0]))).contains(expected);
        assertThat(sessions.closedNodes()).isEmpty();
    }

    @Test
    void aFailedCertificateCheckStoresNothingAndKeepsTheChallenge() {
        NodeChallenge challenge = issuer.issue(alice);
        NodeCertificate foreign = certificate(keys[1], ISSUED);
        RegisterNodeCommand mismatched = new RegisterNodeCommand(alice, nodeIdOf(keys[0]), publicKeyPem(keys[0]),
                foreign, Optional.of(proof(keys[0], challenge)));

        assertCheckFails(RegistrationCheck.COMMON_NAME, "CN",
                () -> service(ProofRequirement.OPTIONAL, 5).register(mismatched));
        assertThat(nodes.findByOwner(alice).nodes()).isEmpty();
        assertThat(challenges.size()).isEqualTo(1);
    }

    @Test
    void aRequiredProofMustBeSent() {
        assertCheckFails(RegistrationCheck.PROOF_OF_POSSESSION, "requires a proof",
                () -> service(ProofRequirement.REQUIRED, 5).register(command(alice, keys[0], Optional.empty())));
        assertThat(nodes.findById(nodeIdOf(keys[0]))).isEmpty();
    }

    @Test
    void aValidProofIsRecordedAndItsChallengeCannotBeReused() {
        NodeChallenge challenge = issuer.issue(alice);
        RegisterNodeService service = service(ProofRequirement.REQUIRED, 5);

        RegisterNodeResult result = service.register(command(alice, keys[0], Optional.of(proof(keys[0],
                challenge))));

        assertThat(result.identity().proofOfPossession()).isTrue();
        assertThat(challenges.size()).isZero();
        assertCheckFails(RegistrationCheck.PROOF_OF_POSSESSION, "unknown or was already used",
                () -> service.register(command(alice, keys[1], Optional.of(proof(keys[1], challenge)))));
        assertThat(nodes.findById(nodeIdOf(keys[1]))).isEmpty();
    }

    @Test
    void anExpiredChallengeFails() {
        NodeChallenge challenge = issuer.issue(alice);
        clock.advance(Duration.ofMinutes(5));

        assertCheckFails(RegistrationCheck.PROOF_OF_POSSESSION, "expired",
                () -> service(ProofRequirement.OPTIONAL, 5).register(command(alice, keys[0],
                        Optional.of(proof(keys[0], challenge)))));
        assertThat(nodes.findById(nodeIdOf(keys[0]))).isEmpty();
    }

    @Test
    void anotherUsersChallengeFails() {
        NodeChallenge bobsChallenge = issuer.issue(bob);

        assertCheckFails(RegistrationCheck.PROOF_OF_POSSESSION, "another user",
                () -> service(ProofRequirement.OPTIONAL, 5).register(command(alice, keys[0],
                        Optional.of(proof(keys[0], bobsChallenge)))));
        assertThat(nodes.findById(nodeIdOf(keys[0]))).isEmpty();
    }

    @Test
    void aWrongSignatureFails() {
        NodeChallenge challenge = issuer.issue(alice);

        assertCheckFails(RegistrationCheck.PROOF_OF_POSSESSION, "does not verify",
                () -> service(ProofRequirement.OPTIONAL, 5).register(command(alice, keys[0],
                        Optional.of(proof(keys[1], challenge)))));
        assertThat(nodes.findById(nodeIdOf(keys[0]))).isEmpty();
    }

    @Test
    void registeringAgainIsIdempotentAndMakesTheNodePrimary() {
        RegisterNodeService service = service(ProofRequirement.OPTIONAL, 5);
        service.register(command(alice, keys[0], Optional.empty()));
        clock.advance(Duration.ofMinutes(1));
        service.register(command(alice, keys[1], Optional.empty()));
        clock.advance(Duration.ofMinutes(1));

        RegisterNodeResult again = service.register(command(alice, keys[0], Optional.empty()));

        assertThat(again.identity().nodeId()).isEqualTo(nodeIdOf(keys[0]));
        UserNodes held = nodes.findByOwner(alice);
        assertThat(held.size()).isEqualTo(2);
        assertThat(held.isPrimary(nodeIdOf(keys[0]))).isTrue();
        assertThat(sessions.closedNodes()).isEmpty();
    }

    @Test
    void atTheLimitTheOldestNodeIsEvictedAndItsSocketClosed() {
        RegisterNodeService service = service(ProofRequirement.OPTIONAL, 2);
        service.register(command(alice, keys[0], Optional.empty()));
        clock.advance(Duration.ofMinutes(1));
        service.register(command(alice, keys[1], Optional.empty()));
        clock.advance(Duration.ofMinutes(1));

        RegisterNodeResult third = service.register(command(alice, keys[2], Optional.empty()));

        assertThat(third.disconnected()).containsExactly(nodeIdOf(keys[0]));
        assertThat(nodes.findByOwner(alice).nodes()).extracting(NodeIdentity::nodeId)
                .containsExactly(nodeIdOf(keys[2]), nodeIdOf(keys[1]));
        assertThat(sessions.closedNodes()).containsExactly(new ClosedNode(nodeIdOf(keys[0]), SocketClose.REVOKED));
    }

    @Test
    void anIdHeldByAnotherUserIsAConflictUnlessAProofTakesOverAnUnprovenBinding() {
        RegisterNodeService service = service(ProofRequirement.OPTIONAL, 5);
        service.register(command(bob, keys[0], Optional.empty()));

        assertThatThrownBy(() -> service.register(command(alice, keys[0], Optional.empty())))
                .isInstanceOfSatisfying(NodeIdTakenException.class,
                        e -> assertThat(e.getMessage()).contains("already registered"));
        assertThat(nodes.findById(nodeIdOf(keys[0]))).map(NodeIdentity::owner).contains(bob);

        RegisterNodeResult takeover = service.register(command(alice, keys[0],
                Optional.of(proof(keys[0], issuer.issue(alice)))));

        assertThat(takeover.identity().owner()).isEqualTo(alice);
        assertThat(takeover.identity().proofOfPossession()).isTrue();
        assertThat(nodes.findByOwner(bob).nodes()).isEmpty();
        assertThat(sessions.closedNodes()).containsExactly(new ClosedNode(nodeIdOf(keys[0]), SocketClose.REVOKED));

        assertThatThrownBy(() -> service.register(command(bob, keys[0],
                Optional.of(proof(keys[0], issuer.issue(bob))))))
                .as("a proven binding cannot be taken over").isInstanceOf(NodeIdTakenException.class);
    }

    @Test
    void aLostRaceIsDecidedAgainOnFreshState() {
        NodeId contested = nodeIdOf(keys[0]);
        NodeIdentityRepository racing = new RacingRepository(nodes,
                () -> nodes.add(new NodeIdentity(contested, alice, ISSUED, false), List.of()));

        RegisterNodeResult result = service(racing, ProofRequirement.OPTIONAL, 5)
                .register(command(alice, keys[0], Optional.empty()));

        assertThat(result.identity().owner()).isEqualTo(alice);
        assertThat(nodes.findById(contested)).map(NodeIdentity::registeredAt).contains(clock.instant());
    }

    @Test
    void aLostRaceAgainstAnotherUserIsAConflict() {
        NodeId contested = nodeIdOf(keys[0]);
        NodeIdentityRepository racing = new RacingRepository(nodes,
                () -> nodes.add(new NodeIdentity(contested, bob, ISSUED, false), List.of()));

        assertThatThrownBy(() -> service(racing, ProofRequirement.OPTIONAL, 5)
                .register(command(alice, keys[0], Optional.empty()))).isInstanceOf(NodeIdTakenException.class);
        assertThat(nodes.findById(contested)).map(NodeIdentity::owner).contains(bob);
    }

    /** A repository where a competing registration lands between the first read and the first write. */
    private static final class RacingRepository implements NodeIdentityRepository {
        private final NodeIdentityRepository delegate;
        private Runnable competitor;

        RacingRepository(NodeIdentityRepository delegate, Runnable competitor) {
            this.delegate = delegate;
            this.competitor = competitor;
        }

        private void race() {
            if (competitor != null) {
                Runnable once = competitor;
                competitor = null;
                once.run();
            }
        }

        @Override
        public Optional<NodeIdentity> findById(NodeId nodeId) {
            return delegate.findById(nodeId);
        }

        @Override
        public UserNodes findByOwner(UserId owner) {
            return delegate.findByOwner(owner);
        }

        @Override
        public void add(NodeIdentity identity, List<NodeId> evicted) {
            race();
            delegate.add(identity, evicted);
        }

        @Override
        public void refresh(NodeIdentity identity) {
            race();
            delegate.refresh(identity);
        }

        @Override
        public void takeOver(NodeIdentity identity, NodeIdentity previous, List<NodeId> evicted) {
            race();
            delegate.takeOver(identity, previous, evicted);
        }

        @Override
        public boolean delete(UserId owner, NodeId nodeId) {
            return delegate.delete(owner, nodeId);
        }
    }
}
