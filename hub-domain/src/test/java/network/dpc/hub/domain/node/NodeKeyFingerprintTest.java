package network.dpc.hub.domain.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class NodeKeyFingerprintTest {

    /** The contract's test vector (§2), with its trailing newline. */
    static final String VECTOR_PEM = """
            -----BEGIN PUBLIC KEY-----
            MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAzGRkENXNQ6HnIvEYBMG4
            uIZumUWI4QzlbphWmVH03H9KRs69tuQnA8OZrjtQa9/5TlHIizVZR6rxJA8mYiKt
            LrrQIMGMW3X3J/hLgcKCABz5wt4wFEgV/68YHPo3jhBmT6VmCerVryWX9SylMdRr
            wZhonbz95i7vlak86lE/AQhZ5Qm+x7HQKuevxqEZNNfJGl6/Slk7JMffGqm3PsWm
            I0scJlqp4dR0Kkc5s7BHYOsa3caAXqXcCPM6ebOtXYEDN6zlsI9uNpckafYJLtOc
            XioTFAkrM+3zE3P+1+o87PsWPFbk/VYyXY2wf+6u+WdBEIh+Nrhna4i0EsuOmDDm
            xwIDAQAB
            -----END PUBLIC KEY-----
            """;
    static final String VECTOR_HASH = "438692b8555af8daf077c7746affc537f4cf5f18d787d900b115b2e0b60b33f4";

    @Test
    void contractTestVectorDerivesBothIdFormats() {
        RSAPublicKey key = PublicKeyPem.decodeRsa(VECTOR_PEM).orElseThrow();

        NodeKeyFingerprint fingerprint = NodeKeyFingerprint.of(key);

        assertThat(key.getModulus().bitLength()).isEqualTo(2048);
        assertThat(fingerprint.sha256Hex()).isEqualTo(VECTOR_HASH);
        assertThat(fingerprint.shortNodeId()).isEqualTo(new NodeId("dpc-node-438692b8555af8da"));
        assertThat(fingerprint.longNodeId()).isEqualTo(new NodeId("dpc-node-438692b8555af8daf077c7746affc537"));
    }

    @Test
    void canonicalPemIsExactlyTheContractTextWithTrailingNewline() {
        RSAPublicKey key = PublicKeyPem.decodeRsa(VECTOR_PEM).orElseThrow();

        String pem = PublicKeyPem.encode(key);

        assertThat(pem).isEqualTo(VECTOR_PEM).endsWith("-----END PUBLIC KEY-----\n");
        assertThat(pem.lines().skip(1).limit(6)).allSatisfy(line -> assertThat(line).hasSize(64));
    }

    @Test
    void hashIsOverThePemTextNotOverTheDer() throws Exception {
        RSAPublicKey key = PublicKeyPem.decodeRsa(VECTOR_PEM).orElseThrow();
        String derHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        String textHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(VECTOR_PEM.getBytes(StandardCharsets.US_ASCII)));

        assertThat(textHash).isEqualTo(VECTOR_HASH);
        assertThat(NodeKeyFingerprint.of(key).sha256Hex()).isEqualTo(VECTOR_HASH).isNotEqualTo(derHash);
    }

    @Test
    void identifiesUsingTheLengthThatWasSent() {
        NodeKeyFingerprint fingerprint = new NodeKeyFingerprint(VECTOR_HASH);

        assertThat(fingerprint.identifies(new NodeId("dpc-node-438692b8555af8da"))).isTrue();
        assertThat(fingerprint.identifies(new NodeId("dpc-node-438692b8555af8daf077c7746affc537"))).isTrue();
        assertThat(fingerprint.identifies(new NodeId("dpc-node-438692b8555af8db"))).isFalse();
        assertThat(fingerprint.identifies(new NodeId("dpc-node-438692b8555af8daf077c7746affc538"))).isFalse();
        assertThat(fingerprint.identifies(NodeId.temporary("438692b8555af8da"))).isFalse();
    }

    @Test
    void refusesAnythingButSixtyFourLowercaseHex() {
        assertThatThrownBy(() -> new NodeKeyFingerprint(VECTOR_HASH.toUpperCase()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NodeKeyFingerprint(VECTOR_HASH.substring(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decodingToleratesOtherLineBreaksButNotOtherArmourOrBadBase64() {
        String oneLine = VECTOR_PEM.replace("\n", "").replace("-----BEGIN PUBLIC KEY-----", "-----BEGIN PUBLIC KEY-----\r\n");
        assertThat(PublicKeyPem.decodeRsa(oneLine)).isPresent();
        assertThat(PublicKeyPem.decodeRsa(VECTOR_PEM.replace("PUBLIC KEY", "RSA PUBLIC KEY"))).isEmpty();
        assertThat(PublicKeyPem.decodeRsa(VECTOR_PEM.replace("MIIBIjAN", "MIIB*jAN"))).isEmpty();
        assertThat(PublicKeyPem.decodeRsa(VECTOR_PEM.replace("xwIDAQAB", "xwIDAQ"))).isEmpty();
        assertThat(PublicKeyPem.decodeRsa("")).isEmpty();
        assertThat(PublicKeyPem.decodeRsa(null)).isEmpty();
    }
}
