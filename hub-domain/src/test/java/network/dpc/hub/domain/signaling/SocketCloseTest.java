package network.dpc.hub.domain.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SocketCloseTest {

    @Test
    void theContractsCloseCodes() {
        assertThat(SocketClose.REPLACED).isEqualTo(new SocketClose(4409, "replaced by a newer connection"));
        assertThat(SocketClose.REVOKED.code()).isEqualTo(4401);
        assertThat(SocketClose.SHUTDOWN).isEqualTo(new SocketClose(1001, "Server shutting down"));
        assertThat(SocketClose.MESSAGE_TOO_LARGE.code()).isEqualTo(1009);
        assertThat(SocketClose.SLOW_READER.code()).isEqualTo(1008);
    }

    @Test
    void refusesCodesOutsideTheProtocolAndOverlongReasons() {
        assertThatThrownBy(() -> new SocketClose(999, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SocketClose(5000, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SocketClose(1000, "é".repeat(62))).isInstanceOf(IllegalArgumentException.class);
    }
}
