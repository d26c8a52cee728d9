package network.dpc.hub.domain.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.user.UserId;
import org.junit.jupiter.api.Test;

class TemporaryNodeIdsTest {

    private static final byte[] KEY = "0123456789abcdef-test-key".getBytes(StandardCharsets.UTF_8);
    private static final UserId USER = new UserId(UUID.fromString("6f1c2a3b-0000-4000-8000-000000000001"));

    @Test
    void isATemporaryNodeIdStablePerUserAndKey() {
        NodeId first = new TemporaryNodeIds(KEY).forUser(USER);
        NodeId again = new TemporaryNodeIds(KEY.clone()).forUser(USER);

        assertThat(first.value()).matches("dpc-node-temp-[0-9a-f]{16}");
        assertThat(first.isTemporary()).isTrue();
        assertThat(again).isEqualTo(first);
    }

    @Test
    void differsBetweenUsersAndBetweenKeys() {
        TemporaryNodeIds ids = new TemporaryNodeIds(KEY);
        NodeId other = ids.forUser(UserId.random());
        NodeId otherKey = new TemporaryNodeIds("another-key-of-16-bytes".getBytes(StandardCharsets.UTF_8))
                .forUser(USER);

        assertThat(other).isNotEqualTo(ids.forUser(USER));
        assertThat(otherKey).isNotEqualTo(ids.forUser(USER));
    }

    @Test
    void refusesAShortKey() {
        assertThatThrownBy(() -> new TemporaryNodeIds(new byte[15])).isInstanceOf(IllegalArgumentException.class);
    }
}
