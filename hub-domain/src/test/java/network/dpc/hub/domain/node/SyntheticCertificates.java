package network.dpc.hub.domain.node;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;

/**
 * Builds {@link NodeCertificate} values from JDK key pairs without any X.509 encoder: the domain never parses the
 * signed part, so any bytes signed by the key stand in for a TBSCertificate.
 */
final class SyntheticCertificates {

    static final String SHA256_WITH_RSA = "1.2.840.113549.1.1.11";
    static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");

    private SyntheticCertificates() {
    }

    static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static NodeId longId(KeyPair keys) {
        return NodeKeyFingerprint.of(keys.getPublic()).longNodeId();
    }

    /** A certificate as the field client makes it: CN = long node id, valid now to now + 10 years. */
    static NodeCertificate fieldClient(KeyPair keys) {
        String cn = longId(keys).value();
        return signed(keys.getPublic(), keys.getPrivate(), "CN=" + cn, "CN=" + cn, List.of(cn), NOW,
                NOW.plus(3650, ChronoUnit.DAYS), SHA256_WITH_RSA);
    }

    static NodeCertificate signed(java.security.PublicKey key, PrivateKey signer, String subject, String issuer,
            List<String> commonNames, Instant notBefore, Instant notAfter, String algorithmOid) {
        byte[] tbs = ("tbs|" + subject + "|" + issuer + "|" + notBefore + "|" + notAfter)
                .getBytes(StandardCharsets.UTF_8);
        return new NodeCertificate(key, subject, issuer, commonNames, notBefore, notAfter, algorithmOid,
                algorithmOid, tbs, sign("SHA256withRSA", signer, tbs));
    }

    static byte[] sign(String algorithm, PrivateKey key, byte[] message) {
        try {
            Signature signature = Signature.getInstance(algorithm);
            signature.initSign(key);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An RSA public key with a random odd modulus of {@code bits} bits that nobody holds the private key of. */
    static RSAPublicKey unvalidatedRsaKey(int bits, BigInteger exponent) {
        BigInteger modulus = new BigInteger(bits, new Random(bits)).setBit(bits - 1).setBit(0);
        return new RSAPublicKey() {
            private static final long serialVersionUID = 1L;

            @Override
            public BigInteger getPublicExponent() {
                return exponent;
            }

            @Override
            public BigInteger getModulus() {
                return modulus;
            }

            @Override
            public String getAlgorithm() {
                return "RSA";
            }

            @Override
            public String getFormat() {
                return "X.509";
            }

            @Override
            public byte[] getEncoded() {
                throw new IllegalStateException("the policy must not encode an oversized key");
            }
        };
    }
}
