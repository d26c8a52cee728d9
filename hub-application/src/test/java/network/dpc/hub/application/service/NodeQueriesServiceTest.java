package network.dpc.hub.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import network.dpc.hub.application.fake.InMemoryNodeChallengeStore;
import network.dpc.hub.application.fake.InMemoryNodeIdentityRepository;
import network.dpc.hub.application.fake.MutableClock;
import network.dpc.hub.application.fake.RecordingSessionCloser;
import network.dpc.hub.application.fake.RecordingSessionCloser.ClosedNode;
import network.dpc.hub.domain.signaling.SocketClose;
import network.dpc.hub.domain.node.NodeChallenge;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.node.NodeIdentity;
import network.dpc.hub.domain.shared.DomainException;
import network.dpc.hub.domain.shared.ErrorKind;
import network.dpc.hub.domain.user.UserId;
import org.junit.jupiter.api.Test;

/** The challenge, list and delete services. */
class NodeQueriesServiceTest {

    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryNodeIdentityRepository nodes = new InMemoryNodeIdentityRepository();
    private final InMemoryNodeChallengeStore challenges = new InMemoryNodeChallengeStore();
    private final RecordingSessionCloser sessions = new RecordingSessionCloser();
    private final UserId alice = UserId.random();
    private final NodeId aliceNode = new NodeId("dpc-node-0123456789abcdef");

    @Test
    void challengesAreRandomBoundToTheCallerStoredAndLastFiveMinutes() {
        IssueNodeChallengeService issuer = new IssueNodeChallengeService(challenges, new SecureRandom(), clock);
        Set<String> values = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            NodeChallenge challenge = issuer.issue(alice);
            assertThat(challenge.owner()).isEqualTo(alice);
            assertThat(challenge.expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
            values.add(challenge.value());
        }
        assertThat(values).hasSize(50);
        assertThat(challenges.size()).isEqualTo(50);

        clock.advance(Duration.ofMinutes(5));
        issuer.issue(alice);
        assertThat(challenges.size()).as("expired challenges are forgotten").isEqualTo(1);
    }

    @Test
    void listsTheCallersNodes() {
        nodes.add(new NodeIdentity(aliceNode, alice, T0, false), List.of());

        assertThat(new ListNodesService(nodes).list(alice).nodes()).extracting(NodeIdentity::nodeId)
                .containsExactly(aliceNode);
        assertThat(new ListNodesService(nodes).list(UserId.random()).nodes()).isEmpty();
    }

    @Test
    void deletesOnlyTheCallersNodeAndClosesItsSocket() {
        nodes.add(new NodeIdentity(aliceNode, alice, T0, false), List.of());
        DeleteNodeService delete = new DeleteNodeService(nodes, sessions);

        assertThatThrownBy(() -> delete.delete(UserId.random(), aliceNode))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
                    assertThat(e.code()).isEqualTo("node_not_found");
                });
        assertThat(sessions.closedNodes()).isEmpty();

        delete.delete(alice, aliceNode);

        assertThat(nodes.findById(aliceNode)).isEmpty();
        assertThat(sessions.closedNodes()).containsExactly(new ClosedNode(aliceNode, SocketClose.REVOKED));
    }
}
