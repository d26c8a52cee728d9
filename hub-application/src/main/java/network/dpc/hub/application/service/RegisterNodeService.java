package network.dpc.hub.application.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import network.dpc.hub.application.port.in.RegisterNodeCommand;
import network.dpc.hub.application.port.in.RegisterNodeResult;
import network.dpc.hub.application.port.in.RegisterNodeUseCase;
import network.dpc.hub.application.port.out.NodeChallengeStore;
import network.dpc.hub.application.port.out.NodeIdentityRepository;
import network.dpc.hub.application.port.out.SessionCloser;
import network.dpc.hub.domain.node.InvalidNodeRegistrationException;
import network.dpc.hub.domain.node.NodeChallenge;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.node.NodeIdTakenException;
import network.dpc.hub.domain.node.NodeIdentity;
import network.dpc.hub.domain.node.NodeIdentityPolicy;
import network.dpc.hub.domain.node.NodeProof;
import network.dpc.hub.domain.node.NodeRegistration;
import network.dpc.hub.domain.node.NodeSetPolicy;
import network.dpc.hub.domain.node.ProofRequirement;
import network.dpc.hub.domain.node.RegistrationCheck;
import network.dpc.hub.domain.node.UserNodes;
import network.dpc.hub.domain.signaling.SocketClose;

/**
 * Registers a node: verifies certificate and proof with the {@link NodeIdentityPolicy}, lets the
 * {@link NodeSetPolicy} decide the binding change, stores it, and closes the sockets of nodes that lost their
 * binding. A write that loses a race against a concurrent registration is decided again on fresh state.
 */
public final class RegisterNodeService implements RegisterNodeUseCase {

    private static final int ATTEMPTS = 3;

    private final NodeIdentityRepository nodes;
    private final NodeChallengeStore challenges;
    private final SessionCloser sessions;
    private final NodeIdentityPolicy identityPolicy;
    private final NodeSetPolicy setPolicy;
    private final ProofRequirement proofRequirement;
    private final Clock clock;

    public RegisterNodeService(NodeIdentityRepository nodes, NodeChallengeStore challenges,
            SessionCloser sessions, NodeIdentityPolicy identityPolicy, NodeSetPolicy setPolicy,
            ProofRequirement proofRequirement, Clock clock) {
        this.nodes = Objects.requireNonNull(nodes, "nodes");
        this.challenges = Objects.requireNonNull(challenges, "challenges");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.identityPolicy = Objects.requireNonNull(identityPolicy, "identityPolicy");
        this.setPolicy = Objects.requireNonNull(setPolicy, "setPolicy");
        this.proofRequirement = Objects.requireNonNull(proofRequirement, "proofRequirement");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public RegisterNodeResult register(RegisterNodeCommand command) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        identityPolicy.verify(command.nodeId(), command.publicKeyPem(), command.certificate(), now);
        boolean proven = checkProof(command, now);
        for (int attempt = 1; ; attempt++) {
            Optional<NodeIdentity> binding = nodes.findById(command.nodeId());
            UserNodes held = nodes.findByOwner(command.caller());
            NodeRegistration registration = setPolicy.register(command.nodeId(), command.caller(), proven, now,
                    binding, held);
            try {
                store(registration);
            } catch (NodeIdTakenException raced) {
                if (attempt == ATTEMPTS) {
                    throw raced;
                }
                continue;
            }
            closeSockets(registration);
            return new RegisterNodeResult(registration.identity(), registration.nodesToDisconnect());
        }
    }

    private boolean checkProof(RegisterNodeCommand command, Instant now) {
        if (command.proof().isEmpty()) {
            if (proofRequirement == ProofRequirement.REQUIRED) {
                throw new InvalidNodeRegistrationException(RegistrationCheck.PROOF_OF_POSSESSION,
                        "this hub requires a proof; sign a challenge from GET /register-node-id/challenge");
            }
            return false;
        }
        NodeProof proof = command.proof().get();
        NodeChallenge challenge = challenges.take(proof.challenge()).orElseThrow(() ->
                new InvalidNodeRegistrationException(RegistrationCheck.PROOF_OF_POSSESSION,
                        "the challenge is unknown or was already used"));
        identityPolicy.verifyProof(command.certificate(), challenge, proof, command.caller(), now);
        return true;
    }

    private void store(NodeRegistration registration) {
        List<NodeId> evicted = registration.evicted().stream()
                .map(NodeIdentity::nodeId).toList();
        switch (registration) {
            case NodeRegistration.Added added -> nodes.add(added.identity(), evicted);
            case NodeRegistration.Refreshed refreshed -> nodes.refresh(refreshed.identity());
            case NodeRegistration.TakenOver takenOver ->
                    nodes.takeOver(takenOver.identity(), takenOver.previous(), evicted);
        }
    }

    private void closeSockets(NodeRegistration registration) {
        if (registration instanceof NodeRegistration.TakenOver takenOver) {
            sessions.closeNode(takenOver.previous().nodeId(), SocketClose.REVOKED);
        }
        registration.evicted().forEach(n -> sessions.closeNode(n.nodeId(), SocketClose.REVOKED));
    }
}
