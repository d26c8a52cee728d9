package network.dpc.hub.domain.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import network.dpc.hub.domain.node.NodeId;
import org.junit.jupiter.api.Test;

class PresenceStatusTest {

    private static final NodeId NODE = new NodeId("dpc-node-0123456789abcdef");

    @Test
    void lastSeenIsRoundedDownToTheMinute() {
        PresenceStatus status = PresenceStatus.offlineSince(NODE, Instant.parse("2026-11-27T08:15:59.999Z"));

        assertThat(status.online()).isFalse();
        assertThat(status.lastSeen()).contains(Instant.parse("2026-11-27T08:15:00Z"));
    }

    @Test
    void lastSeenIsEmptyWhileOnlineAndWhenNeverSeen() {
        assertThat(new PresenceStatus(NODE, true, Optional.of(Instant.EPOCH)).lastSeen()).isEmpty();
        assertThat(PresenceStatus.online(NODE).online()).isTrue();
        assertThat(PresenceStatus.neverSeen(NODE)).isEqualTo(new PresenceStatus(NODE, false, Optional.empty()));
    }
}
