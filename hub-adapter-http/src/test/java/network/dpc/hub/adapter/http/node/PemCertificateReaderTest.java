package network.dpc.hub.adapter.http.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import network.dpc.hub.adapter.http.node.TestIdentities.Identity;
import network.dpc.hub.domain.node.InvalidNodeRegistrationException;
import network.dpc.hub.domain.node.NodeCertificate;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.node.NodeKeyFingerprint;
import network.dpc.hub.domain.node.RegistrationCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PemCertificateReaderTest {

    @ParameterizedTest
    @ValueSource(strings = {"device1", "device2"})
    void readsTheFieldClientFixtures(String device) {
        Identity fixture = TestIdentities.fixture(device);

        NodeCertificate certificate = PemCertificateReader.read(fixture.certificatePem());

        assertThat(certificate.commonNames()).containsExactly(fixture.nodeId());
        assertThat(certificate.isSelfIssued()).isTrue();
        assertThat(certificate.rsaModulusBits()).hasValue(2048);
        assertThat(((RSAPublicKey) certificate.publicKey()).getPublicExponent().intValue()).isEqualTo(65537);
        assertThat(certificate.notBefore()).isEqualTo(Instant.parse("2026-11-27T08:12:56Z"));
        assertThat(certificate.notAfter()).isEqualTo(Instant.parse("2036-11-24T08:12:56Z"));
        assertThat(certificate.acceptedSignatureAlgorithm()).contains("SHA256withRSA");
        assertThat(certificate.signatureVerifiesWithOwnKey()).isTrue();
        assertThat(certificate.fingerprint().identifies(new NodeId(fixture.nodeId()))).isTrue();
        assertThat(NodeKeyFingerprint.of(certificate.publicKey()).longNodeId().value()).isEqualTo(fixture.nodeId());
    }

    @Test
    void readsTheOversizedKeyWithoutValidatingIt() {
        NodeCertificate certificate = PemCertificateReader.read(TestIdentities.rsa16384().certificatePem());

        assertThat(certificate.rsaModulusBits()).hasValue(16384);
    }

    @Test
    void emptyAndNullInputFailCheck2() {
        for (String input : new String[] {null, "", "   ", "-----BEGIN CERTIFICATE----------END CERTIFICATE-----"}) {
            assertThatThrownBy(() -> PemCertificateReader.read(input))
                    .isInstanceOfSatisfying(InvalidNodeRegistrationException.class,
                            e -> assertThat(e.check()).isEqualTo(RegistrationCheck.CERTIFICATE_FORMAT));
        }
    }

    @Test
    void framingAcceptsARealCertificate() {
        byte[] der = TestIdentities.der(TestIdentities.fixture("device1").certificatePem());

        assertThat(DerFraming.isWellFramed(der, DerFraming.MAX_DEPTH)).isTrue();
    }

    @Test
    void framingRefusesIndefiniteLengthsTrailingDataOverlongLengthsAndNothing() {
        assertThat(DerFraming.isWellFramed(new byte[] {0x30, (byte) 0x80, 0, 0}, 8)).isFalse();
        assertThat(DerFraming.isWellFramed(new byte[] {0x30, 0, 0x30, 0}, 8)).isFalse();
        assertThat(DerFraming.isWellFramed(new byte[] {0x30, 5, 0x02, 1, 1}, 8)).isFalse();
        assertThat(DerFraming.isWellFramed(new byte[] {0x30, (byte) 0x85, 1, 1, 1, 1, 1}, 8)).isFalse();
        assertThat(DerFraming.isWellFramed(new byte[] {0x30, (byte) 0x84, (byte) 0xff, 1, 1, 1}, 8)).isFalse();
        assertThat(DerFraming.isWellFramed(new byte[] {0x1f, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
            (byte) 0xff, 0}, 8)).isFalse();
        assertThat(DerFraming.isWellFramed(new byte[0], 8)).isFalse();
        assertThat(DerFraming.isWellFramed(new byte[] {0x30, 3, 0x02, 1, 1}, 8)).isTrue();
    }

    @Test
    void deepNestingIsRefusedBeforeAnyRecursiveParser() {
        byte[] nested = nestedSequences(3000);
        assertThat(DerFraming.isWellFramed(nested, DerFraming.MAX_DEPTH)).isFalse();
        assertThat(DerFraming.isWellFramed(nestedSequences(DerFraming.MAX_DEPTH), DerFraming.MAX_DEPTH)).isTrue();

        assertThatThrownBy(() -> PemCertificateReader.read(TestIdentities.pem("CERTIFICATE", nested)))
                .isInstanceOfSatisfying(InvalidNodeRegistrationException.class,
                        e -> assertThat(e.getMessage()).contains("check 2").contains("not valid DER"));
    }

    /** {@code depth} SEQUENCEs, each holding the next, the innermost empty. */
    static byte[] nestedSequences(int depth) {
        byte[] content = new byte[0];
        for (int i = 0; i < depth; i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(0x30);
            int length = content.length;
            if (length < 0x80) {
                out.write(length);
            } else if (length < 0x100) {
                out.write(0x81);
                out.write(length);
            } else {
                out.write(0x82);
                out.write(length >> 8);
                out.write(length & 0xff);
            }
            out.writeBytes(content);
            content = out.toByteArray();
        }
        return content;
    }
}
