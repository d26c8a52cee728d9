package network.dpc.hub.adapter.http.node;

import java.io.IOException;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import network.dpc.hub.domain.node.InvalidNodeRegistrationException;
import network.dpc.hub.domain.node.NodeCertificate;
import network.dpc.hub.domain.node.RegistrationCheck;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;

/**
 * Check 2 of contract §2 at the edge: the {@code certificate} field is exactly one PEM X.509 certificate. Reads it
 * with BouncyCastle's ASN.1 structures (never a JCA certificate or key object, which would validate an oversized
 * RSA modulus at great cost before the domain's size check) into the plain values of a {@link NodeCertificate}.
 * Every failure is an {@link InvalidNodeRegistrationException} naming check 2; no other exception escapes.
 */
final class PemCertificateReader {

    static final String BEGIN = "-----BEGIN CERTIFICATE-----";
    static final String END = "-----END CERTIFICATE-----";
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]*={0,2}");
    private static final Pattern WHITESPACE = Pattern.compile("[ \\t\\r\\n]+");
    private static final Map<ASN1ObjectIdentifier, String> KEY_ALGORITHMS = Map.of(
            new ASN1ObjectIdentifier("1.2.840.10045.2.1"), "EC",
            new ASN1ObjectIdentifier("1.3.101.112"), "Ed25519",
            new ASN1ObjectIdentifier("1.3.101.113"), "Ed448",
            new ASN1ObjectIdentifier("1.2.840.10040.4.1"), "DSA",
            PKCSObjectIdentifiers.id_RSASSA_PSS, "RSASSA-PSS");

    private PemCertificateReader() {
    }

    /** Reads the one certificate in {@code pem}, or fails check 2 saying why. */
    static NodeCertificate read(String pem) {
        byte[] der = singleBlock(pem == null ? "" : pem);
        if (!DerFraming.isWellFramed(der, DerFraming.MAX_DEPTH)) {
            throw fail("the certificate is not valid DER (truncated, trailing data or malformed)");
        }
        try {
            return toNodeCertificate(Certificate.getInstance(ASN1Primitive.fromByteArray(der)));
        } catch (IOException | RuntimeException e) {
            throw fail("the certificate is not a well-formed X.509 certificate");
        }
    }

    private static byte[] singleBlock(String text) {
        String pem = text.strip();
        int certificates = occurrences(pem, BEGIN);
        if (certificates > 1) {
            throw fail("the field holds " + certificates + " certificates, exactly one is required");
        }
        if (certificates == 0 || occurrences(pem, "-----BEGIN ") != 1 || occurrences(pem, "-----END ") != 1
                || !pem.startsWith(BEGIN) || !pem.endsWith(END)) {
            throw fail("the field must hold exactly one PEM certificate and nothing else");
        }
        String body = WHITESPACE.matcher(pem.substring(BEGIN.length(), pem.length() - END.length())).replaceAll("");
        if (body.isEmpty()) {
            throw fail("the certificate block is empty");
        }
        if (body.length() % 4 != 0 || !BASE64.matcher(body).matches()) {
            throw fail("the certificate block is not valid base64");
        }
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw fail("the certificate block is not valid base64");
        }
    }

    private static NodeCertificate toNodeCertificate(Certificate certificate) throws IOException {
        TBSCertificate tbs = certificate.getTBSCertificate();
        X500Name subject = tbs.getSubject();
        X500Name issuer = tbs.getIssuer();
        Instant notBefore = tbs.getStartDate().getDate().toInstant();
        Instant notAfter = tbs.getEndDate().getDate().toInstant();
        return new NodeCertificate(
                publicKey(tbs.getSubjectPublicKeyInfo()),
                subject.toString(),
                issuer.toString(),
                commonNames(subject),
                notBefore,
                notAfter,
                certificate.getSignatureAlgorithm().getAlgorithm().getId(),
                tbs.getSignature().getAlgorithm().getId(),
                tbs.getEncoded(ASN1Encoding.DER),
                certificate.getSignature().getOctets());
    }

    private static PublicKey publicKey(SubjectPublicKeyInfo info) throws IOException {
        ASN1ObjectIdentifier algorithm = info.getAlgorithm().getAlgorithm();
        if (!PKCSObjectIdentifiers.rsaEncryption.equals(algorithm)) {
            String name = KEY_ALGORITHMS.getOrDefault(algorithm, "of unknown algorithm " + algorithm.getId());
            return new ForeignPublicKey(name, info.getEncoded(ASN1Encoding.DER));
        }
        byte[] keyBytes = info.getPublicKeyData().getOctets();
        if (!DerFraming.isWellFramed(keyBytes, 4)) {
            throw new IOException("malformed RSA public key");
        }
        RSAPublicKey rsa = RSAPublicKey.getInstance(ASN1Primitive.fromByteArray(keyBytes));
        return new DecodedRsaPublicKey(rsa.getModulus(), rsa.getPublicExponent());
    }

    private static List<String> commonNames(X500Name subject) {
        List<String> names = new ArrayList<>();
        for (RDN rdn : subject.getRDNs()) {
            for (AttributeTypeAndValue attribute : rdn.getTypesAndValues()) {
                if (BCStyle.CN.equals(attribute.getType())) {
                    names.add(text(attribute.getValue()));
                }
            }
        }
        return names;
    }

    /** A CN's string value; a non-string value becomes a text no node id can equal. */
    private static String text(ASN1Encodable value) {
        return value instanceof ASN1String string ? string.getString() : "#non-string-value";
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            count++;
        }
        return count;
    }

    private static InvalidNodeRegistrationException fail(String reason) {
        return new InvalidNodeRegistrationException(RegistrationCheck.CERTIFICATE_FORMAT, reason);
    }
}
