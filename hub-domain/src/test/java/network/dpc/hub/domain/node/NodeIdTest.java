package network.dpc.hub.domain.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NodeIdTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "dpc-node-0123456789abcdef",
        "dpc-node-7f465407c95a08555892418d4b4e1a32",
        "dpc-node-ffffffffffffffffffffffffffffffff",
    })
    void registrableIdsAreSixteenOrThirtyTwoLowercaseHex(String value) {
        assertThat(new NodeId(value).value()).isEqualTo(value);
        assertThat(NodeId.isRegistrable(value)).isTrue();
        assertThat(NodeId.registrable(value).isTemporary()).isFalse();
    }

    @Test
    void temporaryIdsAreValidButNeverRegistrable() {
        NodeId temporary = NodeId.temporary("0123456789abcdef");

        assertThat(temporary.value()).isEqualTo("dpc-node-temp-0123456789abcdef");
        assertThat(temporary.isTemporary()).isTrue();
        assertThat(NodeId.isRegistrable(temporary.value())).isFalse();
        assertThatThrownBy(() -> NodeId.registrable(temporary.value())).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "dpc-node-",
        "dpc-node-0123456789abcde",
        "dpc-node-0123456789abcdef0",
        "dpc-node-0123456789ABCDEF",
        "dpc-node-0123456789abcdeg",
        "dpc-node-7f465407c95a08555892418d4b4e1a3",
        "dpc-node-7f465407c95a08555892418d4b4e1a32f",
        "dpc-node-0123456789abcdef0123456789abcdef0123456789abcdef",
        "DPC-NODE-0123456789abcdef",
        "xdpc-node-0123456789abcde",
        "dpc-node-temp-0123456789abcde",
        "dpc-node-temp-0123456789abcdef0",
        "dpc-node-temp-0123456789abcdeF",
        "dpc-node-temp-0123456789abcdef0123456789abcdef",
        "dpc-node-0123456789abcdef\n",
        "dpc-node-０123456789abcdef",
    })
    void anythingElseIsRefused(String value) {
        assertThatThrownBy(() -> new NodeId(value)).isInstanceOf(IllegalArgumentException.class);
        assertThat(NodeId.isRegistrable(value)).isFalse();
    }

    @Test
    void nullIsRefused() {
        assertThatThrownBy(() -> new NodeId(null)).isInstanceOf(NullPointerException.class);
        assertThat(NodeId.isRegistrable(null)).isFalse();
    }
}
