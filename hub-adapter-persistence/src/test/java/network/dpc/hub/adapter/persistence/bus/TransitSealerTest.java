package network.dpc.hub.adapter.persistence.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class TransitSealerTest {

    private final TransitSealer sealer = new TransitSealer(new SecureRandom());

    @Test
    void opensWhatItSealedAndTheSealedBytesHideThePayload() {
        String frame = "{\"payload\":{\"sdp\":\"" + "v=0 secret-marker ".repeat(3000) + "\"}}";

        TransitSealer.Sealed sealed = sealer.seal(frame);

        assertThat(new String(sealed.bytes(), StandardCharsets.ISO_8859_1)).doesNotContain("secret-marker");
        assertThat(sealer.open(sealed.bytes(), sealed.key())).isEqualTo(frame);
    }

    @Test
    void anotherKeyOrATamperedFrameDoesNotOpen() {
        TransitSealer.Sealed sealed = sealer.seal("{\"a\":1}");
        TransitSealer.Sealed other = sealer.seal("{\"a\":1}");
        byte[] tampered = sealed.bytes().clone();
        tampered[tampered.length - 1] ^= 1;

        assertThatThrownBy(() -> sealer.open(sealed.bytes(), other.key())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sealer.open(tampered, sealed.key())).isInstanceOf(IllegalArgumentException.class);
    }
}
