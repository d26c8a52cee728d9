package network.dpc.hub.adapter.persistence.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import network.dpc.hub.domain.node.NodeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignalShardsTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 4, 8})
    void aTargetAlwaysHasTheSameShardAndTargetsSpreadOverAllOfThem(int shards) {
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            NodeId target = new NodeId("dpc-node-%016x".formatted(i * 7_919L));
            int shard = BusSql.signalShardOf(target, shards);
            assertThat(shard).isBetween(0, shards - 1);
            assertThat(BusSql.signalShardOf(new NodeId(target.value()), shards)).isEqualTo(shard);
            used.add(shard);
        }
        assertThat(used).hasSize(shards);
    }

    @Test
    void theShardInUseIsTheOneOfTheConfiguredCount() {
        NodeId target = new NodeId("dpc-node-0123456789abcdef");
        assertThat(BusSql.signalShardOf(target)).isEqualTo(BusSql.signalShardOf(target, BusSql.SIGNAL_SHARDS));
    }

    @Test
    void everySignalChannelNameFitsPostgresqlsIdentifierLimit() {
        String longestInstance = "i".repeat(40);
        for (int shard = 0; shard < Math.max(BusSql.SIGNAL_SHARDS, BusSql.EARLIER_SIGNAL_SHARDS); shard++) {
            assertThat(BusSql.signalChannelOf(longestInstance, shard)).hasSizeLessThanOrEqualTo(63)
                    .matches("[a-z0-9_]+").isNotEqualTo(BusSql.channelOf(longestInstance));
        }
    }
}
