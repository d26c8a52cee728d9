package network.dpc.hub.adapter.http.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import network.dpc.hub.domain.node.NodeKeyFingerprint;
import network.dpc.hub.domain.node.PublicKeyPem;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Node identities for tests, made the way the field client makes them (RSA-2048, self-signed, CN = node id,
 * ten years, SHA256withRSA, BasicConstraints CA critical), with a builder to get each detail wrong on purpose.
 */
final class TestIdentities {

    private TestIdentities() {
    }

    /** What a client sends: the three registration fields, plus the private key for signing proofs. */
    record Identity(String nodeId, String publicKeyPem, String certificatePem, PrivateKey privateKey) {

        /** A SHA256withRSA signature over the UTF-8 {@code challenge}, base64, as a proof carries it. */
        String sign(String challenge) {
            try {
                Signature signature = Signature.getInstance("SHA256withRSA");
                signature.initSign(privateKey);
                signature.update(challenge.getBytes(StandardCharsets.UTF_8));
                return Base64.getEncoder().encodeToString(signature.sign());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
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

    static KeyPair ec() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The identity the field client would make for {@code keys} at {@code now}. */
    static Identity fieldClient(KeyPair keys, Instant now) {
        return new Builder(keys, now).build();
    }

    static Builder builder(KeyPair keys, Instant now) {
        return new Builder(keys, now);
    }

    /** One of the fixture devices made by the field client's own generator, byte for byte. */
    static Identity fixture(String device) {
        String dir = "/node-identities/field-client-identities/" + device + "/";
        String key = resource(dir + "node.key");
        String base64 = key.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        try {
            PrivateKey privateKey = KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            return new Identity(resource(dir + "node.id"), resource(dir + "public_key.pem"),
                    resource(dir + "node.crt"), privateKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The pre-generated, otherwise valid RSA-16384 identity (no private key was kept). */
    static Identity rsa16384() {
        String dir = "/node-identities/rsa16384/";
        return new Identity(resource(dir + "node.id"), resource(dir + "public_key.pem"), resource(dir + "node.crt"),
                null);
    }

    static String resource(String path) {
        try (InputStream in = TestIdentities.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** PEM armour around {@code der}: 64-character base64 lines, each ending in a newline. */
    static String pem(String type, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
    }

    static byte[] der(String pem) {
        String body = pem.substring(pem.indexOf("-----\n") + 6, pem.lastIndexOf("-----END"));
        return Base64.getMimeDecoder().decode(body);
    }

    /** Builds a certificate as the field client does, unless told to get a detail wrong. */
    static final class Builder {
        private final KeyPair keys;
        private boolean shortId;
        private String nodeId;
        private String subject;
        private String issuer;
        private PrivateKey signer;
        private String signatureAlgorithm;
        private Instant notBefore;
        private Instant notAfter;
        private SubjectPublicKeyInfo certificateKey;
        private PublicKey declaredKey;

        private Builder(KeyPair keys, Instant now) {
            this.keys = keys;
            this.signer = keys.getPrivate();
            this.signatureAlgorithm = keys.getPublic().getAlgorithm().equals("EC") ? "SHA256withECDSA"
                    : "SHA256withRSA";
            this.notBefore = now;
            this.notAfter = now.plus(3650, ChronoUnit.DAYS);
            this.certificateKey = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
            this.declaredKey = keys.getPublic();
        }

        /** Use the original 16-hex id format. */
        Builder shortId() {
            this.shortId = true;
            return this;
        }

        /** Claim this node id (the CN follows it unless {@link #subject} is set). */
        Builder nodeId(String claimed) {
            this.nodeId = claimed;
            return this;
        }

        /** Use this subject DN, e.g. {@code O=D-PC} for one without a CN. */
        Builder subject(String dn) {
            this.subject = dn;
            return this;
        }

        Builder issuer(String dn) {
            this.issuer = dn;
            return this;
        }

        Builder signedBy(PrivateKey key) {
            this.signer = key;
            return this;
        }

        Builder validity(Instant from, Instant until) {
            this.notBefore = from;
            this.notAfter = until;
            return this;
        }

        /** Put this key into the certificate instead (the signature is still made with {@link #signedBy}). */
        Builder certificateKey(SubjectPublicKeyInfo key) {
            this.certificateKey = key;
            return this;
        }

        /** Send this key in the {@code public_key} field instead. */
        Builder declaredKey(PublicKey key) {
            this.declaredKey = key;
            return this;
        }

        Identity build() {
            NodeKeyFingerprint fingerprint = NodeKeyFingerprint.of(keys.getPublic());
            String id = nodeId != null ? nodeId
                    : (shortId ? fingerprint.shortNodeId() : fingerprint.longNodeId()).value();
            X500Name subjectName = new X500Name(subject != null ? subject : "CN=" + id);
            X500Name issuerName = issuer != null ? new X500Name(issuer) : subjectName;
            try {
                X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuerName,
                        new BigInteger(64, new java.util.Random(id.hashCode())).abs().add(BigInteger.ONE),
                        Date.from(notBefore), Date.from(notAfter), subjectName, certificateKey);
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                byte[] der = builder.build(new JcaContentSignerBuilder(signatureAlgorithm).build(signer))
                        .getEncoded();
                return new Identity(id, PublicKeyPem.encode(declaredKey), pem("CERTIFICATE", der),
                        keys.getPrivate());
            } catch (CertIOException | OperatorCreationException e) {
                throw new IllegalStateException(e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
