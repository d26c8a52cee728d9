package network.dpc.hub.domain.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.shared.DomainException;
import network.dpc.hub.domain.shared.ErrorKind;
import org.junit.jupiter.api.Test;

class PresenceSubscriptionsTest {

    private static final NodeId A = new NodeId("dpc-node-aaaaaaaaaaaaaaaa");
    private static final NodeId B = new NodeId("dpc-node-bbbbbbbbbbbbbbbb");

    private final PresenceSubscriptions<String> subscriptions = new PresenceSubscriptions<>();

    private static List<NodeId> manyNodes(int from, int count) {
        return IntStream.range(from, from + count).mapToObj(i -> new NodeId("dpc-node-%016x".formatted(i))).toList();
    }

    @Test
    void watchersOfANodeAreTheSocketsThatSubscribedToIt() {
        subscriptions.subscribe("s1", List.of(A, B));
        subscriptions.subscribe("s2", List.of(A));

        assertThat(subscriptions.watchersOf(A)).containsExactlyInAnyOrder("s1", "s2");
        assertThat(subscriptions.watchersOf(B)).containsExactly("s1");
        assertThat(subscriptions.countOf("s1")).isEqualTo(2);
    }

    @Test
    void unsubscribeStopsOnlyTheNamedNodes() {
        subscriptions.subscribe("s1", List.of(A, B));

        subscriptions.unsubscribe("s1", List.of(A));
        subscriptions.unsubscribe("s2", List.of(A));

        assertThat(subscriptions.watchersOf(A)).isEmpty();
        assertThat(subscriptions.watchersOf(B)).containsExactly("s1");
    }

    @Test
    void droppingASocketLeavesNothingBehind() {
        subscriptions.subscribe("s1", List.of(A, B));
        subscriptions.subscribe("s2", List.of(B));

        subscriptions.drop("s1");
        subscriptions.unsubscribe("s2", List.of(B));

        assertThat(subscriptions.isEmpty()).isTrue();
    }

    @Test
    void aSocketWatchesAtMost500NodesAndAnOversizeRequestAddsNone() {
        subscriptions.subscribe("s1", manyNodes(0, 499));
        subscriptions.subscribe("s1", manyNodes(0, 500)); // 499 of them already watched: 500 in all

        assertThatThrownBy(() -> subscriptions.subscribe("s1", manyNodes(1000, 2)))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID);
                    assertThat(e.code()).isEqualTo("too_many_subscriptions");
                });
        assertThat(subscriptions.countOf("s1")).isEqualTo(500);
        assertThat(subscriptions.watchersOf(manyNodes(1000, 1).getFirst())).isEmpty();
    }
}
