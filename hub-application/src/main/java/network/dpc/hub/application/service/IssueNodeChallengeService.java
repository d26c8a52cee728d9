package network.dpc.hub.application.service;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import network.dpc.hub.application.port.in.IssueNodeChallengeUseCase;
import network.dpc.hub.application.port.out.NodeChallengeStore;
import network.dpc.hub.domain.node.NodeChallenge;
import network.dpc.hub.domain.user.UserId;

/** Issues proof-of-possession challenges from a secure random source and forgets expired ones. */
public final class IssueNodeChallengeService implements IssueNodeChallengeUseCase {

    private final NodeChallengeStore challenges;
    private final SecureRandom random;
    private final Clock clock;

    public IssueNodeChallengeService(NodeChallengeStore challenges, SecureRandom random, Clock clock) {
        this.challenges = Objects.requireNonNull(challenges, "challenges");
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public NodeChallenge issue(UserId caller) {
        Objects.requireNonNull(caller, "caller");
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        challenges.deleteExpired(now);
        byte[] bytes = new byte[NodeChallenge.RANDOM_BYTES];
        random.nextBytes(bytes);
        NodeChallenge challenge = NodeChallenge.issue(caller, bytes, now);
        challenges.save(challenge);
        return challenge;
    }
}
