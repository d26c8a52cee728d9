package network.dpc.hub.adapter.persistence.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SignalChannelsTest {

    @Test
    void everySignalChannelNameFitsPostgresqlsIdentifierLimit() {
        String longestInstance = "i".repeat(40);
        List<String> heard = BusSql.signalChannelsHeardBy(longestInstance);
        assertThat(heard).hasSize(4).doesNotHaveDuplicates();
        for (String channel : heard) {
            assertThat(channel).hasSizeLessThanOrEqualTo(63).matches("[a-z0-9_]+")
                    .isNotEqualTo(BusSql.channelOf(longestInstance));
        }
    }

    @Test
    void signalsGoToTheChannelEarlierVersionsUsedFirstAndItIsHeard() {
        assertThat(BusSql.signalChannelOf("b9")).isEqualTo("dpc_hub_i_b9_s0")
                .isEqualTo(BusSql.signalChannelsHeardBy("b9").getFirst());
    }
}
