package network.dpc.hub.adapter.persistence.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import network.dpc.hub.domain.node.NodeId;
import org.junit.jupiter.api.Test;

class PresenceReplicaTest {

    private static final NodeId X = new NodeId("dpc-node-aaaaaaaaaaaaaaaa");
    private static final NodeId Y = new NodeId("dpc-node-bbbbbbbbbbbbbbbb");

    private final PresenceReplica replica = new PresenceReplica();

    @Test
    void aHigherClaimWinsWhateverTheOrderOfArrival() {
        assertThat(replica.online(X, "b", 7)).isTrue();
        assertThat(replica.online(X, "a", 6)).isFalse();

        assertThat(replica.locate(X)).contains(new PresenceReplica.Location("b", 7));
    }

    @Test
    void anOfflineEventRemovesOnlyTheClaimItNames() {
        replica.online(X, "b", 7);

        assertThat(replica.offline(X, "a", 9)).isFalse();
        assertThat(replica.offline(X, "b", 6)).isFalse();
        assertThat(replica.offline(X, "b", 7)).isTrue();
        assertThat(replica.contains(X)).isFalse();
    }

    @Test
    void replayingEventsOverAFresherSnapshotConvergesToTheLastEvent() {
        replica.replaceAll(Map.of()); // snapshot: X already offline again
        replica.online(X, "a", 6);
        replica.online(X, "b", 7);
        replica.offline(X, "b", 7);

        assertThat(replica.contains(X)).isFalse();
    }

    @Test
    void anInstanceThatLeftTakesItsNodesAlong() {
        replica.online(X, "a", 1);
        replica.online(Y, "b", 2);

        assertThat(replica.instanceGone("a")).containsExactly(X);
        assertThat(replica.contains(Y)).isTrue();
    }

    @Test
    void reloadingOneInstanceReportsWhatAppearedAndDisappeared() {
        replica.online(X, "a", 1);
        replica.online(Y, "b", 2);

        PresenceReplica.Changes changes = replica.replaceInstance("a", Map.of(new NodeId("dpc-node-cccccccccccccccc"),
                5L));

        assertThat(changes.appeared()).containsExactly(new NodeId("dpc-node-cccccccccccccccc"));
        assertThat(changes.disappeared()).containsExactly(X);
        assertThat(replica.contains(Y)).isTrue();
        assertThat(replica.size()).isEqualTo(2);
    }
}
