package network.dpc.hub.domain.node;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;
import network.dpc.hub.domain.user.UserId;

/**
 * The rules a node's certificate and proof must satisfy (contract §2, checks 3 to 9); each failure is an
 * {@link InvalidNodeRegistrationException} naming the check. Checks run in contract order, and the cheap key-size
 * check runs before any signature is verified, so an oversized key costs nothing.
 *
 * @param minRsaBits the smallest accepted RSA modulus, in bits
 * @param maxRsaBits the largest accepted RSA modulus, in bits (bounds the CPU a registration can cost)
 * @param clockSkew how far outside its validity period a certificate is still accepted
 */
public record NodeIdentityPolicy(int minRsaBits, int maxRsaBits, Duration clockSkew) {

    public static final int MIN_RSA_BITS = 2048;
    public static final int MAX_RSA_BITS = 8192;
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /** The proof signature algorithm: PKCS#1 v1.5 with SHA-256 over the UTF-8 challenge. */
    public static final String PROOF_ALGORITHM = "SHA256withRSA";
    /** Public exponents above 2^64 make verification needlessly slow; no real key uses one. */
    private static final int MAX_EXPONENT_BITS = 64;

    public NodeIdentityPolicy {
        Objects.requireNonNull(clockSkew, "clockSkew");
        if (minRsaBits < 1024 || maxRsaBits < minRsaBits || maxRsaBits > 16384 || clockSkew.isNegative()) {
            throw new IllegalArgumentException("RSA bounds must satisfy 1024 <= min <= max <= 16384, skew >= 0");
        }
    }

    /** The contract's policy: RSA 2048 to 8192 bits, 5 minutes of clock skew. */
    public static NodeIdentityPolicy standard() {
        return new NodeIdentityPolicy(MIN_RSA_BITS, MAX_RSA_BITS, CLOCK_SKEW);
    }

    /**
     * Runs checks 3 to 8 in order on a certificate that parsed (checks 1 and 2 belong to the edge).
     *
     * @param claimed the node id the registration names
     * @param declaredPublicKeyPem the registration's {@code public_key} field
     * @throws InvalidNodeRegistrationException naming the first failed check
     */
    public void verify(NodeId claimed, String declaredPublicKeyPem, NodeCertificate certificate, Instant now) {
        Objects.requireNonNull(claimed, "claimed");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(now, "now");
        checkKey(certificate);
        checkSelfSignature(certificate);
        checkValidity(certificate, now);
        checkCommonName(claimed, certificate);
        checkDerivation(claimed, certificate);
        checkDeclaredKey(declaredPublicKeyPem, certificate);
    }

    /**
     * Check 9: the challenge was issued to {@code caller}, is unexpired, and {@code proof} signs it with the
     * certificate's key. The caller has already removed the challenge from its store (it is single-use).
     */
    public void verifyProof(NodeCertificate certificate, NodeChallenge challenge, NodeProof proof, UserId caller,
            Instant now) {
        if (!challenge.value().equals(proof.challenge())) {
            throw fail(RegistrationCheck.PROOF_OF_POSSESSION, "the proof names a different challenge");
        }
        if (!challenge.owner().equals(caller)) {
            throw fail(RegistrationCheck.PROOF_OF_POSSESSION, "the challenge was issued to another user");
        }
        if (challenge.isExpiredAt(now)) {
            throw fail(RegistrationCheck.PROOF_OF_POSSESSION, "the challenge has expired; request a new one");
        }
        byte[] message = challenge.value().getBytes(StandardCharsets.UTF_8);
        if (!certificate.verifies(PROOF_ALGORITHM, message, proof.signature())) {
            throw fail(RegistrationCheck.PROOF_OF_POSSESSION,
                    "the signature does not verify with the certificate's key (SHA256withRSA over the challenge)");
        }
    }

    private void checkKey(NodeCertificate certificate) {
        OptionalInt bits = certificate.rsaModulusBits();
        if (bits.isEmpty()) {
            throw fail(RegistrationCheck.KEY_TYPE_AND_SIZE,
                    "the certificate key is " + certificate.keyAlgorithm() + ", it must be RSA");
        }
        if (bits.getAsInt() < minRsaBits || bits.getAsInt() > maxRsaBits) {
            throw fail(RegistrationCheck.KEY_TYPE_AND_SIZE, "the RSA modulus has " + bits.getAsInt()
                    + " bits, it must have " + minRsaBits + " to " + maxRsaBits);
        }
        BigInteger exponent = ((RSAPublicKey) certificate.publicKey()).getPublicExponent();
        if (exponent == null || exponent.compareTo(BigInteger.valueOf(3)) < 0 || !exponent.testBit(0)
                || exponent.bitLength() > MAX_EXPONENT_BITS) {
            throw fail(RegistrationCheck.KEY_TYPE_AND_SIZE,
                    "the RSA public exponent must be odd, at least 3 and at most 64 bits long");
        }
    }

    private static void checkSelfSignature(NodeCertificate certificate) {
        if (!certificate.isSelfIssued()) {
            throw fail(RegistrationCheck.SELF_SIGNATURE, "the certificate is not self-signed (issuer differs "
                    + "from subject)");
        }
        if (certificate.acceptedSignatureAlgorithm().isEmpty()) {
            throw fail(RegistrationCheck.SELF_SIGNATURE,
                    "the signature algorithm must be SHA256withRSA (or SHA384/SHA512withRSA)");
        }
        if (!certificate.signatureVerifiesWithOwnKey()) {
            throw fail(RegistrationCheck.SELF_SIGNATURE,
                    "the certificate's signature does not verify with its own key");
        }
    }

    private void checkValidity(NodeCertificate certificate, Instant now) {
        if (now.isBefore(certificate.notBefore().minus(clockSkew))) {
            throw fail(RegistrationCheck.VALIDITY_PERIOD,
                    "the certificate is not valid yet (notBefore " + certificate.notBefore() + ")");
        }
        if (now.isAfter(certificate.notAfter().plus(clockSkew))) {
            throw fail(RegistrationCheck.VALIDITY_PERIOD,
                    "the certificate has expired (notAfter " + certificate.notAfter() + ")");
        }
    }

    private static void checkCommonName(NodeId claimed, NodeCertificate certificate) {
        if (certificate.commonNames().isEmpty()) {
            throw fail(RegistrationCheck.COMMON_NAME, "the certificate subject has no CN");
        }
        if (certificate.commonNames().size() > 1) {
            throw fail(RegistrationCheck.COMMON_NAME, "the certificate subject has more than one CN");
        }
        if (!certificate.commonNames().getFirst().equals(claimed.value())) {
            throw fail(RegistrationCheck.COMMON_NAME, "the certificate CN does not equal node_id");
        }
    }

    private static void checkDerivation(NodeId claimed, NodeCertificate certificate) {
        if (!certificate.fingerprint().identifies(claimed)) {
            throw fail(RegistrationCheck.NODE_ID_DERIVATION,
                    "node_id is not derived from the certificate's key (SHA-256 of its PEM SubjectPublicKeyInfo)");
        }
    }

    private static void checkDeclaredKey(String declaredPublicKeyPem, NodeCertificate certificate) {
        boolean same = PublicKeyPem.decodeRsa(declaredPublicKeyPem)
                .map(certificate::hasSameKeyAs)
                .orElse(false);
        if (!same) {
            throw fail(RegistrationCheck.PUBLIC_KEY_MATCH, "public_key is not the certificate's key");
        }
    }

    private static InvalidNodeRegistrationException fail(RegistrationCheck check, String reason) {
        return new InvalidNodeRegistrationException(check, reason);
    }
}
