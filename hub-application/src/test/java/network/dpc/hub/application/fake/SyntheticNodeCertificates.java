package network.dpc.hub.application.fake;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import network.dpc.hub.domain.node.NodeCertificate;
import network.dpc.hub.domain.node.NodeChallenge;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.node.NodeKeyFingerprint;
import network.dpc.hub.domain.node.NodeProof;
import network.dpc.hub.domain.node.PublicKeyPem;

/**
 * Node certificates for use-case and repository tests, built from JDK key pairs without an X.509 encoder (the
 * domain never parses the signed part, so any bytes signed by the key stand in for a TBSCertificate). The HTTP
 * adapter's tests use real X.509 certificates instead.
 */
public final class SyntheticNodeCertificates {

    private static final String SHA256_WITH_RSA = "1.2.840.113549.1.1.11";

    private SyntheticNodeCertificates() {
    }

    /** A fresh RSA-2048 key pair. */
    public static KeyPair rsa2048() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The 32-hex node id of {@code keys}, as today's client derives it. */
    public static NodeId nodeIdOf(KeyPair keys) {
        return NodeKeyFingerprint.of(keys.getPublic()).longNodeId();
    }

    /** The {@code public_key} field the client sends for {@code keys}. */
    public static String publicKeyPem(KeyPair keys) {
        return PublicKeyPem.encode(keys.getPublic());
    }

    /** A self-signed certificate as the field client makes it, valid from {@code from} for ten years. */
    public static NodeCertificate certificate(KeyPair keys, Instant from) {
        String cn = nodeIdOf(keys).value();
        byte[] tbs = ("tbs|CN=" + cn + "|" + from).getBytes(StandardCharsets.UTF_8);
        return new NodeCertificate(keys.getPublic(), "CN=" + cn, "CN=" + cn, List.of(cn), from,
                from.plus(3650, ChronoUnit.DAYS), SHA256_WITH_RSA, SHA256_WITH_RSA, tbs,
                sign(keys.getPrivate(), tbs));
    }

    /** The proof that signs {@code challenge} with {@code keys}. */
    public static NodeProof proof(KeyPair keys, NodeChallenge challenge) {
        return new NodeProof(challenge.value(),
                sign(keys.getPrivate(), challenge.value().getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] sign(PrivateKey key, byte[] message) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
