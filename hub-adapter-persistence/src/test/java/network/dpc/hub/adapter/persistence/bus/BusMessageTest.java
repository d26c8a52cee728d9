package network.dpc.hub.adapter.persistence.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.signaling.SocketClose;
import network.dpc.hub.domain.user.UserId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BusMessageTest {

    private static final NodeId NODE = new NodeId("dpc-node-0123456789abcdef");

    @Test
    void everyMessageSurvivesItsOwnEncoding() {
        List<BusMessage> messages = List.of(
                new BusMessage.Signal(NODE, "{\"type\":\"signal\",\"payload\":{\"sdp\":\"a|b|c\"}}"),
                new BusMessage.SignalInTransit(NODE, UUID.randomUUID(), "a-key_0123"),
                new BusMessage.NodeOnline("abc123", NODE, 42),
                new BusMessage.NodeOffline("abc123", NODE, 42),
                new BusMessage.InstanceAnnounced("abc123"),
                new BusMessage.InstanceGone("abc123"),
                new BusMessage.CloseUser("abc123", UserId.random(), SocketClose.REVOKED),
                new BusMessage.CloseNode("abc123", NODE, new SocketClose(4401, "token | revoked")));

        for (BusMessage message : messages) {
            assertThat(BusMessage.parse(message.encode())).contains(message);
        }
    }

    @Test
    void signalsNameNoOriginBroadcastsDo() {
        assertThat(new BusMessage.Signal(NODE, "{}").origin()).isEmpty();
        assertThat(new BusMessage.NodeOnline("abc", NODE, 1).origin()).contains("abc");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "S", "S|", "Q|x", "S|not-a-node|{}", "O|abc|" + "dpc-node-0123456789abcdef" + "|x",
            "O|ABC|dpc-node-0123456789abcdef|1", "U|abc|not-a-uuid|4401|x", "N|abc|dpc-node-0123456789abcdef|99|x",
            "T|dpc-node-0123456789abcdef|nope|key", "F|abc|dpc-node-0123456789abcdef|1|extra"})
    void malformedPayloadsAreIgnored(String payload) {
        assertThat(BusMessage.parse(payload)).isEqualTo(Optional.empty());
    }
}
