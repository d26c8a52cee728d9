package network.dpc.hub.adapter.http.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.Security;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import network.dpc.hub.adapter.http.node.TestIdentities.Identity;
import network.dpc.hub.application.fake.InMemoryNodeChallengeStore;
import network.dpc.hub.application.fake.InMemoryNodeIdentityRepository;
import network.dpc.hub.application.fake.RecordingSessionCloser;
import network.dpc.hub.application.port.in.RegisterNodeCommand;
import network.dpc.hub.application.service.RegisterNodeService;
import network.dpc.hub.domain.node.InvalidNodeRegistrationException;
import network.dpc.hub.domain.node.NodeIdentityPolicy;
import network.dpc.hub.domain.node.NodeSetPolicy;
import network.dpc.hub.domain.node.ProofRequirement;
import network.dpc.hub.domain.user.UserId;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * A simple timing of the node registration checks on one thread (not a test; no JMH): registrations per second of
 * a field-client identity, and what refusing an RSA-16384 certificate costs, next to what the same certificate
 * would cost on the JCA path that the edge avoids. Run with
 * {@code java -cp <test classpath> network.dpc.hub.adapter.http.node.NodeCheckBenchmark}; figures go to stdout.
 */
public final class NodeCheckBenchmark {

    private static final Instant NOW = Instant.parse("2026-11-27T09:30:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private NodeCheckBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Identity fixture = TestIdentities.fixture("device1");
        Identity huge = TestIdentities.rsa16384();
        NodeIdentityPolicy policy = NodeIdentityPolicy.standard();
        JsonNode fixtureBody = JSON.valueToTree(Map.of("node_id", fixture.nodeId(),
                "public_key", fixture.publicKeyPem(), "certificate", fixture.certificatePem()));
        JsonNode hugeBody = JSON.valueToTree(Map.of("node_id", huge.nodeId(),
                "public_key", huge.publicKeyPem(), "certificate", huge.certificatePem()));

        report("checks 1-8, field-client RSA-2048 identity", 2_000, 10_000, () -> {
            RegisterNodeRequest request = RegisterNodeRequest.from(fixtureBody);
            policy.verify(request.nodeId(), request.publicKey(), PemCertificateReader.read(request.certificate()),
                    NOW);
        });

        RegisterNodeService service = new RegisterNodeService(new InMemoryNodeIdentityRepository(),
                new InMemoryNodeChallengeStore(), new RecordingSessionCloser(), policy, NodeSetPolicy.standard(),
                ProofRequirement.OPTIONAL, Clock.fixed(NOW, ZoneOffset.UTC));
        UserId user = UserId.random();
        report("registration use case (checks 1-8 + in-memory store)", 2_000, 10_000, () -> {
            RegisterNodeRequest request = RegisterNodeRequest.from(fixtureBody);
            service.register(new RegisterNodeCommand(user, request.nodeId(), request.publicKey(),
                    PemCertificateReader.read(request.certificate()), Optional.empty()));
        });

        report("refusing RSA-16384 (checks 1-3)", 2_000, 20_000, () -> {
            RegisterNodeRequest request = RegisterNodeRequest.from(hugeBody);
            try {
                policy.verify(request.nodeId(), request.publicKey(),
                        PemCertificateReader.read(request.certificate()), NOW);
                throw new IllegalStateException("RSA-16384 was accepted");
            } catch (InvalidNodeRegistrationException expected) {
                if (expected.check().number() != 3) {
                    throw new IllegalStateException("refused at the wrong check: " + expected.getMessage());
                }
            }
        });

        report("  of which check 2 alone (PEM + DER reading of RSA-16384)", 2_000, 20_000,
                () -> PemCertificateReader.read(huge.certificatePem()));

        byte[] hugePem = huge.certificatePem().getBytes(StandardCharsets.US_ASCII);
        report("for comparison: JDK CertificateFactory + verify of RSA-16384", 3, 20, () -> {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(hugePem));
            certificate.verify(certificate.getPublicKey());
        });
        BouncyCastleProvider bouncyCastle = new BouncyCastleProvider();
        if (Security.getProvider(bouncyCastle.getName()) == null) {
            report("for comparison: BouncyCastle CertificateFactory + getPublicKey, RSA-16384 (cold)", 0, 1, () -> {
                X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509", bouncyCastle)
                        .generateCertificate(new ByteArrayInputStream(hugePem));
                certificate.getPublicKey();
            });
        }
    }

    private static void report(String name, int warmup, int rounds, Step step) throws Exception {
        for (int i = 0; i < warmup; i++) {
            step.run();
        }
        long started = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            step.run();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "%-72s %10.1f /s %12.1f us/op (%d ops)%n", name, rounds / seconds,
                seconds * 1e6 / rounds, rounds);
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }
}
