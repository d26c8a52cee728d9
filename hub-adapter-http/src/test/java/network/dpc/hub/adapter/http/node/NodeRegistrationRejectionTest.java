package network.dpc.hub.adapter.http.node;

import static network.dpc.hub.adapter.http.TestHttpClient.json;
import static network.dpc.hub.adapter.http.node.NodeTestHub.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import network.dpc.hub.adapter.http.node.TestIdentities.Identity;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.node.NodeKeyFingerprint;
import network.dpc.hub.domain.node.ProofRequirement;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way a registration fails (contract §2 checks 1 to 9), through the real route: the status, the JSON body
 * and that nothing was stored.
 */
class NodeRegistrationRejectionTest {

    private static KeyPair device;
    private static KeyPair other;
    private static KeyPair rsa1024;
    private static KeyPair ec;
    private static NodeTestHub hub;

    @BeforeAll
    static void start() {
        device = TestIdentities.rsa(2048);
        other = TestIdentities.rsa(2048);
        rsa1024 = TestIdentities.rsa(1024);
        ec = TestIdentities.ec();
        hub = new NodeTestHub(ProofRequirement.OPTIONAL, 5);
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @BeforeEach
    void reset() {
        hub.reset();
    }

    private static Identity valid() {
        return TestIdentities.fieldClient(device, NOW);
    }

    private static Map<String, Object> validWith(String field, Object value) {
        Map<String, Object> body = NodeTestHub.body(valid());
        if (value == null) {
            body.remove(field);
        } else {
            body.put(field, value);
        }
        return body;
    }

    private static Map<String, Object> body(Identity identity) {
        return NodeTestHub.body(identity);
    }

    private static String armour(String base64Body) {
        return "-----BEGIN CERTIFICATE-----\n" + base64Body + "\n-----END CERTIFICATE-----\n";
    }

    private static String idOf(KeyPair keys) {
        return NodeKeyFingerprint.of(keys.getPublic()).longNodeId().value();
    }

    static Stream<Arguments> semanticRejections() {
        Identity valid = valid();
        byte[] der = TestIdentities.der(valid.certificatePem());
        byte[] truncated = java.util.Arrays.copyOf(der, der.length / 2);
        Supplier<Map<String, Object>> twoCertificates = () -> validWith("certificate",
                valid.certificatePem() + TestIdentities.fieldClient(other, NOW).certificatePem());
        return Stream.of(
                rejection("two certificates", 2, "exactly one is required", twoCertificates),
                rejection("garbage base64", 2, "not valid base64",
                        () -> validWith("certificate", armour("MIIB$$$not*base64!!"))),
                rejection("empty certificate block", 2, "is empty", () -> validWith("certificate", armour(""))),
                rejection("truncated DER", 2, "not valid DER",
                        () -> validWith("certificate", TestIdentities.pem("CERTIFICATE", truncated))),
                rejection("DER with trailing data", 2, "not valid DER", () -> validWith("certificate",
                        TestIdentities.pem("CERTIFICATE", concat(der, new byte[] {5, 0})))),
                rejection("a public key in certificate armour", 2, "not a well-formed X.509 certificate",
                        () -> validWith("certificate", TestIdentities.pem("CERTIFICATE",
                                device.getPublic().getEncoded()))),
                rejection("text around the certificate", 2, "nothing else", () -> validWith("certificate",
                        valid.certificatePem().replace("-----END CERTIFICATE-----",
                                "-----END CERTIFICATE-----\n-----BEGIN PUBLIC KEY-----\n-----END CERTIFICATE-----"))),
                rejection("EC key", 3, "is EC, it must be RSA", () -> body(TestIdentities.builder(ec, NOW)
                        .declaredKey(ec.getPublic()).build())),
                rejection("RSA-1024", 3, "1024 bits, it must have 2048 to 8192",
                        () -> body(TestIdentities.fieldClient(rsa1024, NOW))),
                rejection("RSA-16384", 3, "16384 bits, it must have 2048 to 8192",
                        () -> body(TestIdentities.rsa16384())),
                rejection("not self-signed", 4, "not self-signed", () -> body(TestIdentities.builder(device, NOW)
                        .issuer("CN=Some Certificate Authority").signedBy(other.getPrivate()).build())),
                rejection("bad signature", 4, "does not verify with its own key",
                        () -> body(TestIdentities.builder(device, NOW).signedBy(other.getPrivate()).build())),
                rejection("expired", 5, "has expired", () -> body(TestIdentities.builder(device, NOW)
                        .validity(NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(35))).build())),
                rejection("not yet valid", 5, "not valid yet", () -> body(TestIdentities.builder(device, NOW)
                        .validity(NOW.plus(Duration.ofMinutes(6)), NOW.plus(Duration.ofDays(3650))).build())),
                rejection("no CN", 6, "has no CN",
                        () -> body(TestIdentities.builder(device, NOW).subject("O=D-PC").build())),
                rejection("CN is not the node id", 6, "CN does not equal node_id",
                        () -> body(TestIdentities.builder(device, NOW).subject("CN=" + idOf(other)).build())),
                rejection("node id is not the key hash", 7, "not derived from the certificate's key",
                        () -> body(TestIdentities.builder(device, NOW).nodeId(idOf(other)).build())),
                rejection("public key is not the certificate key", 8, "public_key is not the certificate's key",
                        () -> body(TestIdentities.builder(device, NOW).declaredKey(other.getPublic()).build())),
                rejection("public key is garbage inside the armour", 8, "public_key is not the certificate's key",
                        () -> validWith("public_key", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n")),
                rejection("certificate holds another key than the signer's", 4, "does not verify",
                        () -> body(TestIdentities.builder(device, NOW)
                                .certificateKey(SubjectPublicKeyInfo.getInstance(other.getPublic().getEncoded()))
                                .build())));
    }

    private static Arguments rejection(String name, int check, String reason, Supplier<Map<String, Object>> body) {
        return Arguments.of(name, check, reason, body);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("semanticRejections")
    void failsTheNamedCheckWith400AndStoresNothing(String name, int check, String reason,
            Supplier<Map<String, Object>> body) {
        HttpResponse<String> response = hub.post("alice", body.get());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode json = json(response);
        assertThat(json.get("code").asText()).isEqualTo("invalid_node_registration");
        assertThat(json.get("detail").asText())
                .startsWith("Invalid node registration, check " + check + " (")
                .contains(reason);
        assertThat(hub.nothingStored()).isTrue();
    }

    static Stream<Arguments> shapeRejections() {
        String tooLong = "-----BEGIN CERTIFICATE-----\n" + "A".repeat(16 * 1024) + "\n-----END CERTIFICATE-----\n";
        String tooLongKey = "-----BEGIN PUBLIC KEY-----\n" + "A".repeat(16 * 1024) + "\n-----END PUBLIC KEY-----\n";
        String upper = "dpc-node-" + idOf(device).substring(9).toUpperCase();
        return Stream.of(
                Arguments.of("certificate is not PEM", validWith("certificate", "hello"), "certificate"),
                Arguments.of("certificate has key armour", validWith("certificate", valid().publicKeyPem()),
                        "certificate"),
                Arguments.of("public key is not PEM", validWith("public_key", "MIIBIjANBgkqhkiG9w0BAQEFAAOC"),
                        "public_key"),
                Arguments.of("public key in PKCS#1 armour", validWith("public_key", valid().publicKeyPem()
                        .replace("PUBLIC KEY", "RSA PUBLIC KEY")), "public_key"),
                Arguments.of("uppercase hex", validWith("node_id", upper), "node_id"),
                Arguments.of("20 hex characters", validWith("node_id", idOf(device).substring(0, 29)), "node_id"),
                Arguments.of("temporary id", validWith("node_id", "dpc-node-temp-0123456789abcdef"), "node_id"),
                Arguments.of("node id is a number", validWith("node_id", 42), "node_id"),
                Arguments.of("node id missing", validWith("node_id", null), "node_id"),
                Arguments.of("certificate missing", validWith("certificate", null), "certificate"),
                Arguments.of("public key missing", validWith("public_key", null), "public_key"),
                Arguments.of("certificate over 16 KiB", validWith("certificate", tooLong), "certificate"),
                Arguments.of("public key over 16 KiB", validWith("public_key", tooLongKey), "public_key"),
                Arguments.of("proof is a string", validWith("proof", "signed"), "proof"),
                Arguments.of("proof signature not base64",
                        validWith("proof", Map.of("challenge", "dpc-hub-proof-x", "signature", "***")),
                        "proof.signature"),
                Arguments.of("proof without challenge", validWith("proof", Map.of("signature", "AAAA")),
                        "proof.challenge"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapeRejections")
    void failsCheck1With422FieldErrorsAndStoresNothing(String name, Map<String, Object> body, String field) {
        HttpResponse<String> response = hub.post("alice", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        JsonNode json = json(response);
        assertThat(json.get("code").asText()).isEqualTo("validation_error");
        assertThat(json.get("detail").asText()).isEqualTo("Request body failed validation");
        assertThat(json.get("errors")).isNotEmpty();
        assertThat(json.get("errors").get(0).get("field").asText()).isEqualTo(field);
        assertThat(json.get("errors").get(0).get("message").asText()).isNotBlank();
        assertThat(hub.nothingStored()).isTrue();
    }

    @Test
    void malformedJsonIs422() {
        for (String raw : new String[] {"{", "[]", "", "\"text\"", "{\"node_id\": }"}) {
            HttpResponse<String> response = hub.postRaw("alice", raw);
            assertThat(response.statusCode()).as(raw).isEqualTo(422);
            assertThat(json(response).get("code").asText()).isEqualTo("validation_error");
            assertThat(json(response).get("errors").get(0).get("field").asText()).isEqualTo("body");
        }
        assertThat(hub.nothingStored()).isTrue();
    }

    @Test
    void shapeErrorsAreReportedBeforeAnyCertificateParsing() {
        Map<String, Object> body = validWith("certificate", armour("garbage that would fail check 2"));
        body.put("node_id", "DPC-NODE-1");

        HttpResponse<String> response = hub.post("alice", body);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json(response).get("errors")).hasSize(1);
    }

    private String challengeFor(String token) {
        return json(hub.get(token, "/register-node-id/challenge")).get("challenge").asText();
    }

    private HttpResponse<String> registerWithProof(Identity identity, String challenge, String signature) {
        Map<String, Object> body = new LinkedHashMap<>(NodeTestHub.body(identity));
        body.put("proof", Map.of("challenge", challenge, "signature", signature));
        return hub.post("alice", body);
    }

    private static void assertCheck9(HttpResponse<String> response, String reason) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response).get("code").asText()).isEqualTo("invalid_node_registration");
        assertThat(json(response).get("detail").asText())
                .startsWith("Invalid node registration, check 9 (proof of possession) failed: ")
                .contains(reason);
    }

    @Test
    void wrongProofFails() {
        String challenge = challengeFor("alice");
        String signedByOther = TestIdentities.fieldClient(other, NOW).sign(challenge);

        assertCheck9(registerWithProof(valid(), challenge, signedByOther), "does not verify");
        assertThat(hub.nothingStored()).isTrue();
    }

    @Test
    void proofOverAnotherTextFails() {
        String challenge = challengeFor("alice");

        assertCheck9(registerWithProof(valid(), challenge, valid().sign(challenge + "x")), "does not verify");
        assertCheck9(registerWithProof(valid(), challengeFor("alice"),
                Base64.getEncoder().encodeToString(new byte[256])), "does not verify");
        assertThat(hub.nothingStored()).isTrue();
    }

    @Test
    void reusedChallengeFails() {
        String challenge = challengeFor("alice");
        Identity first = TestIdentities.fieldClient(other, NOW);
        assertThat(registerWithProof(first, challenge, first.sign(challenge)).statusCode()).isEqualTo(200);

        assertCheck9(registerWithProof(valid(), challenge, valid().sign(challenge)), "unknown or was already used");
        assertThat(hub.nodes.findById(new NodeId(valid().nodeId()))).isEmpty();
    }

    @Test
    void expiredChallengeFails() {
        String challenge = challengeFor("alice");
        hub.clock.advance(Duration.ofMinutes(5));

        assertCheck9(registerWithProof(valid(), challenge, valid().sign(challenge)), "expired");
        assertThat(hub.nothingStored()).isTrue();
    }

    @Test
    void anotherUsersChallengeFails() {
        String bobsChallenge = challengeFor("bob");

        assertCheck9(registerWithProof(valid(), bobsChallenge, valid().sign(bobsChallenge)), "another user");
        assertThat(hub.nothingStored()).isTrue();
    }

    @Test
    void unknownChallengeFails() {
        String invented = "dpc-hub-proof-" + "A".repeat(43);

        assertCheck9(registerWithProof(valid(), invented, valid().sign(invented)), "unknown");
        assertThat(hub.nothingStored()).isTrue();
    }

    @Test
    void aRequiredProofMustBeSent() {
        try (NodeTestHub strict = new NodeTestHub(ProofRequirement.REQUIRED, 5)) {
            HttpResponse<String> response = strict.register("alice", valid());

            assertCheck9(response, "requires a proof");
            assertThat(strict.nothingStored()).isTrue();
        }
    }

    @Test
    void rsa16384IsRejectedCheaply() {
        Identity huge = TestIdentities.rsa16384();
        var policy = network.dpc.hub.domain.node.NodeIdentityPolicy.standard();
        Instant now = Instant.parse("2026-12-01T00:00:00Z");
        int rounds = 50;
        long started = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            try {
                policy.verify(new NodeId(huge.nodeId()), huge.publicKeyPem(), PemCertificateReader.read(
                        huge.certificatePem()), now);
            } catch (network.dpc.hub.domain.node.InvalidNodeRegistrationException e) {
                assertThat(e.check().number()).isEqualTo(3);
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        // Parsing and the size check take well under a millisecond; a generous bound keeps this test stable.
        assertThat(elapsed).isLessThan(Duration.ofSeconds(2));
    }
}
