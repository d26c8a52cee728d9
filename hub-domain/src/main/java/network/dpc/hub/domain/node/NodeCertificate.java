package network.dpc.hub.domain.node;

import java.security.GeneralSecurityException;
import java.security.ProviderException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The parts of a node's X.509 certificate the registration checks look at, read by an adapter from the parsed
 * certificate; the domain never parses DER itself.
 *
 * @param publicKey the certificate's subject public key; for RSA an {@link RSAPublicKey} that has not been
 *     validated (an adapter must not spend CPU on an oversized key before {@link NodeIdentityPolicy} looks at it)
 * @param subject the subject distinguished name, in a form where equal names have equal text
 * @param issuer the issuer distinguished name, in the same form
 * @param commonNames every CN attribute value of the subject, in order (normally exactly one)
 * @param signatureAlgorithm the OID of the outer signature algorithm of the certificate
 * @param tbsSignatureAlgorithm the OID of the signature algorithm named inside the signed part
 * @param signedPart the DER of the {@code TBSCertificate}, the bytes the signature covers
 * @param signature the signature value
 */
public record NodeCertificate(
        PublicKey publicKey,
        String subject,
        String issuer,
        List<String> commonNames,
        Instant notBefore,
        Instant notAfter,
        String signatureAlgorithm,
        String tbsSignatureAlgorithm,
        byte[] signedPart,
        byte[] signature) {

    /** The RSA PKCS#1 v1.5 signature algorithms a node certificate may be signed with, by OID. */
    private static final Map<String, String> ACCEPTED_SIGNATURES = Map.of(
            "1.2.840.113549.1.1.11", "SHA256withRSA",
            "1.2.840.113549.1.1.12", "SHA384withRSA",
            "1.2.840.113549.1.1.13", "SHA512withRSA");

    public NodeCertificate {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(issuer, "issuer");
        commonNames = List.copyOf(commonNames);
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(signatureAlgorithm, "signatureAlgorithm");
        Objects.requireNonNull(tbsSignatureAlgorithm, "tbsSignatureAlgorithm");
        signedPart = signedPart.clone();
        signature = signature.clone();
    }

    @Override
    public byte[] signedPart() {
        return signedPart.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** The key's algorithm name as the JCA reports it, e.g. {@code RSA} or {@code EC}. */
    public String keyAlgorithm() {
        return publicKey.getAlgorithm();
    }

    /** The modulus size in bits when the key is RSA; reading it costs nothing. */
    public OptionalInt rsaModulusBits() {
        if (!(publicKey instanceof RSAPublicKey rsa)) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(rsa.getModulus() == null || rsa.getModulus().signum() <= 0 ? 0
                : rsa.getModulus().bitLength());
    }

    /** Whether subject and issuer are the same name. */
    public boolean isSelfIssued() {
        return subject.equals(issuer);
    }

    /** The JCA name of the signature algorithm, when it is an accepted one named alike inside and outside. */
    public Optional<String> acceptedSignatureAlgorithm() {
        if (!signatureAlgorithm.equals(tbsSignatureAlgorithm)) {
            return Optional.empty();
        }
        return Optional.ofNullable(ACCEPTED_SIGNATURES.get(signatureAlgorithm));
    }

    /** Whether the certificate's own key verifies its signature (call only after the key size was checked). */
    public boolean signatureVerifiesWithOwnKey() {
        return acceptedSignatureAlgorithm()
                .map(algorithm -> verifies(algorithm, signedPart, signature))
                .orElse(false);
    }

    /** Whether {@code now} lies within the validity period widened by {@code skew} on both ends. */
    public boolean isValidAt(Instant now, Duration skew) {
        return !now.isBefore(notBefore.minus(skew)) && !now.isAfter(notAfter.plus(skew));
    }

    /** The fingerprint of the certificate's key, from which its node ids are derived. */
    public NodeKeyFingerprint fingerprint() {
        return NodeKeyFingerprint.of(publicKey);
    }

    /** Whether {@code other} is the same RSA key (modulus and exponent) as the certificate's. */
    public boolean hasSameKeyAs(RSAPublicKey other) {
        return publicKey instanceof RSAPublicKey own
                && own.getModulus().equals(other.getModulus())
                && own.getPublicExponent().equals(other.getPublicExponent());
    }

    /** Whether {@code signatureValue} is a valid {@code algorithm} signature by this key over {@code message}. */
    public boolean verifies(String algorithm, byte[] message, byte[] signatureValue) {
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(message);
            return verifier.verify(signatureValue);
        } catch (GeneralSecurityException | ProviderException | IllegalArgumentException e) {
            return false;
        }
    }
}
