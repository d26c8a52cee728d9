package network.dpc.hub.adapter.persistence;

import java.time.Instant;
import java.util.UUID;
import network.dpc.hub.domain.node.NodeChallenge;
import network.dpc.hub.domain.user.UserId;

/** One row of {@code node_challenges}. */
public record NodeChallengeRow(String challenge, UUID userId, Instant expiresAt) {

    static NodeChallengeRow from(NodeChallenge challenge) {
        return new NodeChallengeRow(challenge.value(), challenge.owner().value(), challenge.expiresAt());
    }

    NodeChallenge toChallenge() {
        return new NodeChallenge(challenge, new UserId(userId), expiresAt);
    }
}
