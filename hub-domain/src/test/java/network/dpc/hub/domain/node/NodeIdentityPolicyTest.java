package network.dpc.hub.domain.node;

import static network.dpc.hub.domain.node.SyntheticCertificates.NOW;
import static network.dpc.hub.domain.node.SyntheticCertificates.SHA256_WITH_RSA;
import static network.dpc.hub.domain.node.SyntheticCertificates.fieldClient;
import static network.dpc.hub.domain.node.SyntheticCertificates.longId;
import static network.dpc.hub.domain.node.SyntheticCertificates.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import network.dpc.hub.domain.shared.ErrorKind;
import network.dpc.hub.domain.user.UserId;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NodeIdentityPolicyTest {

    private static final Instant TEN_YEARS = NOW.plus(3650, ChronoUnit.DAYS);
    private static KeyPair keys;
    private static KeyPair otherKeys;

    private final NodeIdentityPolicy policy = NodeIdentityPolicy.standard();

    @BeforeAll
    static void generateKeys() {
        keys = SyntheticCertificates.rsa(2048);
        otherKeys = SyntheticCertificates.rsa(2048);
    }

    private static String pem(PublicKey key) {
        return PublicKeyPem.encode(key);
    }

    private static void assertFails(RegistrationCheck check, String reasonPart, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidNodeRegistrationException.class, e -> {
            assertThat(e.check()).isEqualTo(check);
            assertThat(e.kind()).isEqualTo(ErrorKind.INVALID);
            assertThat(e.code()).isEqualTo("invalid_node_registration");
            assertThat(e.getMessage()).startsWith("Invalid node registration, check " + check.number() + " ("
                    + check.label() + ") failed: ").contains(reasonPart);
        });
    }

    @Test
    void acceptsWhatTheFieldClientMakesWithLongAndShortIds() {
        NodeCertificate certificate = fieldClient(keys);
        assertThatCode(() -> policy.verify(longId(keys), pem(keys.getPublic()), certificate, NOW))
                .doesNotThrowAnyException();

        NodeId shortId = NodeKeyFingerprint.of(keys.getPublic()).shortNodeId();
        NodeCertificate shortCertificate = signed(keys.getPublic(), keys.getPrivate(), "CN=" + shortId,
                "CN=" + shortId, List.of(shortId.value()), NOW, TEN_YEARS, SHA256_WITH_RSA);
        assertThatCode(() -> policy.verify(shortId, pem(keys.getPublic()), shortCertificate, NOW))
                .doesNotThrowAnyException();
    }

    @Test
    void check3RefusesNonRsaKeys() throws Exception {
        var generator = java.security.KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        PublicKey ec = generator.generateKeyPair().getPublic();
        NodeCertificate certificate = signed(ec, keys.getPrivate(), "CN=x", "CN=x", List.of("x"), NOW, TEN_YEARS,
                SHA256_WITH_RSA);

        assertFails(RegistrationCheck.KEY_TYPE_AND_SIZE, "is EC, it must be RSA",
                () -> policy.verify(longId(keys), pem(keys.getPublic()), certificate, NOW));
    }

    @Test
    void check3RefusesRsa1024() {
        KeyPair small = SyntheticCertificates.rsa(1024);
        NodeCertificate certificate = fieldClient(small);

        assertFails(RegistrationCheck.KEY_TYPE_AND_SIZE, "1024 bits, it must have 2048 to 8192",
                () -> policy.verify(longId(small), pem(small.getPublic()), certificate, NOW));
    }

    @Test
    void check3RefusesRsa16384BeforeAnySignatureIsVerifiedOrKeyEncoded() {
        PublicKey huge = SyntheticCertificates.unvalidatedRsaKey(16384, BigInteger.valueOf(65537));
        NodeCertificate certificate = signed(huge, keys.getPrivate(), "CN=x", "CN=x", List.of("x"), NOW,
                TEN_YEARS, SHA256_WITH_RSA);

        assertFails(RegistrationCheck.KEY_TYPE_AND_SIZE, "16384 bits",
                () -> policy.verify(longId(keys), pem(keys.getPublic()), certificate, NOW));
    }

    @Test
    void check3RefusesAbsurdPublicExponents() {
        for (BigInteger exponent : List.of(BigInteger.ONE, BigInteger.valueOf(65536), BigInteger.ONE.shiftLeft(200)
                .add(BigInteger.ONE))) {
            PublicKey key = SyntheticCertificates.unvalidatedRsaKey(2048, exponent);
            NodeCertificate certificate = signed(key, keys.getPrivate(), "CN=x", "CN=x", List.of("x"), NOW,
                    TEN_YEARS, SHA256_WITH_RSA);
            assertFails(RegistrationCheck.KEY_TYPE_AND_SIZE, "public exponent",
                    () -> policy.verify(longId(keys), pem(keys.getPublic()), certificate, NOW));
        }
    }

    @Test
    void check4RefusesACertificateIssuedBySomeoneElse() {
        String cn = longId(keys).value();
        NodeCertificate certificate = signed(keys.getPublic(), keys.getPrivate(), "CN=" + cn, "CN=Some CA",
                List.of(cn), NOW, TEN_YEARS, SHA256_WITH_RSA);

        assertFails(RegistrationCheck.SELF_SIGNATURE, "not self-signed",
                () -> policy.verify(longId(keys), pem(keys.getPublic()), certificate, NOW));
    }

    @Test
    void check4RefusesASignatureByAnotherKey() {
        String cn = longId(keys).value();
        NodeCertificate certificate = signed(keys.getPublic(), otherKeys.getPrivate(), "CN=" + cn, "CN=" + cn,
                List.of(cn), NOW, TEN_YEARS, SHA256_WITH_RSA);

        assertFails(RegistrationCheck.SELF_SIGNATURE, "does not verify with its own key",
                () -> policy.verify(longId(keys), pem(keys.getPublic()), certificate, NOW));
    }

    @Test
    void check4RefusesATamperedSignedPart() {
        NodeCertificate good = fieldClient(keys);
        byte[] tampered = good.signedPart();
        tampered[0] ^= 1;
        NodeCertificate certificate = new NodeCertificate(good.publicKey(), good.subject(), good.issuer(),
                good.commonNames(), good.notBefore(), good.notAfter(), good.signatureAlgorithm(),
                good.tbsSignatureAlgorithm(), tampered, good.signature());

        assertFails(RegistrationCheck.SELF_SIGNATURE, "does not verify",
                () -> policy.verify(longId(keys), pem(keys.getPublic()), certificate, NOW));
    }

    @Test
    void check4RefusesWeakOrMismatchedSignatureAlgorithms() {
        String cn = longId(keys).value();
        NodeCertificate sha1 = signed(keys.getPublic(), keys.getPrivate(), "CN=" + cn, "CN=" + cn, List.of(cn),
                NOW, TEN_YEARS, "1.2.840.113549.1.1.5");
        assertFails(RegistrationCheck.SELF_SIGNATURE, "signature algorithm",
                () -> policy.verify(longId(keys), pem(keys.getPublic()), sha1, NOW));

        NodeCertificate good = fieldClient(keys);
        NodeCertificate mismatched = new NodeCertificate(good.publicKey(), good.subject(), good.issuer(),
                good.commonNames(), good.notBefore(), good.notAfter(), SHA256_WITH_RSA, "1.2.840.113549.1.1.12",
                good.signedPart(), good.signature());
        assertFails(RegistrationCheck.SELF_SIGNATURE, "signature algorithm",
                () -> policy.verify(longId(keys), pem(keys.getPublic()), mismatched, NOW));
    }

    @Test
    void check5AllowsFiveMinutesOfSkewAndNoMore() {
        NodeCertificate certificate = fieldClient(keys);
        String declared = pem(keys.getPublic());
        Duration skew = Duration.ofMinutes(5);

        assertThatCode(() -> policy.verify(longId(keys), declared, certificate, NOW.minus(skew)))
                .doesNotThrowAnyException();
        assertThatCode(() -> policy.verify(longId(keys), declared, certificate, TEN_YEARS.plus(skew)))
                .doesNotThrowAnyException();
        assertFails(RegistrationCheck.VALIDITY_PERIOD, "not valid yet",
                () -> policy.verify(longId(keys), declared, certificate, NOW.minus(skew).minusSeconds(1)));
        assertFails(RegistrationCheck.VALIDITY_PERIOD, "has expired",
                () -> policy.verify(longId(keys), declared, certificate, TEN_YEARS.plus(skew).plusSeconds(1)));
    }

    @Test
    void check6RequiresExactlyOneCnEqualToTheNodeId() {
        String cn = longId(keys).value();
        NodeCertificate none = signed(keys.getPublic(), keys.getPrivate(), "O=D-PC", "O=D-PC", List.of(), NOW,
                TEN_YEARS, SHA256_WITH_RSA);
        assertFails(RegistrationCheck.COMMON_NAME, "has no CN",
                () -> policy.verify(longId(keys), pem(keys.getPublic()), none, NOW));

        NodeCertificate two = signed(keys.getPublic(), keys.getPrivate(), "CN=a+CN=b", "CN=a+CN=b",
                List.of(cn, cn), NOW, TEN_YEARS, SHA256_WITH_RSA);
        assertFails(RegistrationCheck.COMMON_NAME, "more than one CN",
                () -> policy.verify(longId(keys), pem(keys.getPublic()), two, NOW));

        NodeCertificate other = signed(keys.getPublic(), keys.getPrivate(), "CN=dpc-node-00", "CN=dpc-node-00",
                List.of("dpc-node-00"), NOW, TEN_YEARS, SHA256_WITH_RSA);
        assertFails(RegistrationCheck.COMMON_NAME, "does not equal node_id",
                () -> policy.verify(longId(keys), pem(keys.getPublic()), other, NOW));
    }

    @Test
    void check7RequiresTheNodeIdToBeDerivedFromTheCertificateKey() {
        NodeId foreign = longId(otherKeys);
        NodeCertificate certificate = signed(keys.getPublic(), keys.getPrivate(), "CN=" + foreign,
                "CN=" + foreign, List.of(foreign.value()), NOW, TEN_YEARS, SHA256_WITH_RSA);

        assertFails(RegistrationCheck.NODE_ID_DERIVATION, "not derived from the certificate's key",
                () -> policy.verify(foreign, pem(keys.getPublic()), certificate, NOW));
    }

    @Test
    void check8ComparesTheKeyNotTheText() {
        NodeCertificate certificate = fieldClient(keys);
        String rewrapped = pem(keys.getPublic()).replace("\n", "\r\n").replaceFirst("\r\n", "\n\n");
        assertThatCode(() -> policy.verify(longId(keys), rewrapped, certificate, NOW)).doesNotThrowAnyException();

        assertFails(RegistrationCheck.PUBLIC_KEY_MATCH, "not the certificate's key",
                () -> policy.verify(longId(keys), pem(otherKeys.getPublic()), certificate, NOW));
        assertFails(RegistrationCheck.PUBLIC_KEY_MATCH, "not the certificate's key",
                () -> policy.verify(longId(keys), "-----BEGIN PUBLIC KEY-----\n!!\n-----END PUBLIC KEY-----\n",
                        certificate, NOW));
    }

    @Test
    void checksRunInContractOrder() {
        // Wrong in checks 5, 6, 7 and 8 at once: the first of them is reported.
        NodeCertificate certificate = signed(keys.getPublic(), keys.getPrivate(), "O=x", "O=x", List.of(),
                NOW.minus(Duration.ofDays(20)), NOW.minus(Duration.ofDays(10)), SHA256_WITH_RSA);
        assertFails(RegistrationCheck.VALIDITY_PERIOD, "expired",
                () -> policy.verify(longId(otherKeys), pem(otherKeys.getPublic()), certificate, NOW));
    }

    @Test
    void proofMustSignTheCallersUnexpiredChallengeWithTheCertificateKey() {
        NodeCertificate certificate = fieldClient(keys);
        UserId alice = UserId.random();
        NodeChallenge challenge = NodeChallenge.issue(alice, new byte[32], NOW);
        byte[] message = challenge.value().getBytes(StandardCharsets.UTF_8);
        NodeProof good = new NodeProof(challenge.value(),
                SyntheticCertificates.sign("SHA256withRSA", keys.getPrivate(), message));

        assertThatCode(() -> policy.verifyProof(certificate, challenge, good, alice, NOW.plusSeconds(299)))
                .doesNotThrowAnyException();
        assertFails(RegistrationCheck.PROOF_OF_POSSESSION, "another user",
                () -> policy.verifyProof(certificate, challenge, good, UserId.random(), NOW));
        assertFails(RegistrationCheck.PROOF_OF_POSSESSION, "expired",
                () -> policy.verifyProof(certificate, challenge, good, alice, NOW.plus(NodeChallenge.LIFETIME)));
        NodeProof wrongKey = new NodeProof(challenge.value(),
                SyntheticCertificates.sign("SHA256withRSA", otherKeys.getPrivate(), message));
        assertFails(RegistrationCheck.PROOF_OF_POSSESSION, "does not verify",
                () -> policy.verifyProof(certificate, challenge, wrongKey, alice, NOW));
        NodeProof garbage = new NodeProof(challenge.value(), new byte[] {1, 2, 3});
        assertFails(RegistrationCheck.PROOF_OF_POSSESSION, "does not verify",
                () -> policy.verifyProof(certificate, challenge, garbage, alice, NOW));
    }

    @Test
    void boundsAreValidated() {
        assertThatThrownBy(() -> new NodeIdentityPolicy(4096, 2048, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NodeIdentityPolicy(2048, 32768, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
