package network.dpc.hub.adapter.http.node;

import static network.dpc.hub.adapter.http.TestHttpClient.json;
import static network.dpc.hub.adapter.http.node.NodeTestHub.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import network.dpc.hub.adapter.http.node.TestIdentities.Identity;
import network.dpc.hub.application.fake.RecordingSessionCloser.ClosedNode;
import network.dpc.hub.domain.signaling.SocketClose;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.node.NodeIdentity;
import network.dpc.hub.domain.node.ProofRequirement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NodeRoutesTest {

    private static final List<KeyPair> KEYS = new ArrayList<>();

    private static NodeTestHub hub;

    @BeforeAll
    static void start() {
        for (int i = 0; i < 7; i++) {
            KEYS.add(TestIdentities.rsa(2048));
        }
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

    private Identity device(int i) {
        return TestIdentities.fieldClient(KEYS.get(i), hub.clock.instant());
    }

    private static void assertRegistered(HttpResponse<String> response, String nodeId, boolean proven) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.properties()).extracting(Map.Entry::getKey)
                .containsExactly("node_id", "verified", "proof_of_possession", "message");
        assertThat(body.get("node_id").asText()).isEqualTo(nodeId);
        assertThat(body.get("verified").isBoolean()).isTrue();
        assertThat(body.get("verified").booleanValue()).isTrue();
        assertThat(body.get("proof_of_possession").booleanValue()).isEqualTo(proven);
        assertThat(body.get("message").asText()).isEqualTo("Node identity successfully registered and verified");
    }

    @ParameterizedTest
    @ValueSource(strings = {"device1", "device2"})
    void fieldClientFixturesRegisterExactlyAsTheyAre(String device) {
        Identity fixture = TestIdentities.fixture(device);

        HttpResponse<String> response = hub.register("alice", fixture);

        assertRegistered(response, fixture.nodeId(), false);
        assertThat(hub.nodes.findById(new NodeId(fixture.nodeId())))
                .contains(new NodeIdentity(new NodeId(fixture.nodeId()), hub.alice, NOW, false));
    }

    @Test
    void fixtureRegistersForAnyUserOncePerNodeId() {
        Identity fixture = TestIdentities.fixture("device1");
        assertRegistered(hub.register("bob", fixture), fixture.nodeId(), false);

        HttpResponse<String> taken = hub.register("alice", fixture);

        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(json(taken).get("code").asText()).isEqualTo("node_id_taken");
        assertThat(json(taken).get("detail").asText()).contains("already registered");
        assertThat(hub.nodes.findByOwner(hub.alice).nodes()).isEmpty();
    }

    @Test
    void generatedFieldClientIdentitiesRegisterWithLongAndShortIds() {
        Identity longId = device(0);
        Identity shortId = TestIdentities.builder(KEYS.get(1), NOW).shortId().build();
        assertThat(longId.nodeId()).hasSize(41);
        assertThat(shortId.nodeId()).hasSize(25);

        assertRegistered(hub.register("alice", longId), longId.nodeId(), false);
        assertRegistered(hub.register("alice", shortId), shortId.nodeId(), false);

        assertThat(hub.nodes.findByOwner(hub.alice).size()).isEqualTo(2);
    }

    @Test
    void aCertificateWithCrLfLineBreaksAndAPublicKeyOnOneLineIsAccepted() {
        Identity identity = device(0);
        Map<String, Object> body = NodeTestHub.body(identity);
        body.put("certificate", identity.certificatePem().replace("\n", "\r\n"));
        body.put("public_key", identity.publicKeyPem().replace("\n", "").replace("KEY-----", "KEY-----\n"));

        assertRegistered(hub.post("alice", body), identity.nodeId(), false);
    }

    @Test
    void registeringAgainIsIdempotent() {
        Identity identity = device(0);
        assertRegistered(hub.register("alice", identity), identity.nodeId(), false);
        hub.clock.advance(Duration.ofMinutes(1));

        assertRegistered(hub.register("alice", identity), identity.nodeId(), false);

        assertThat(hub.nodes.findByOwner(hub.alice).size()).isEqualTo(1);
        assertThat(hub.sessions.closedNodes()).isEmpty();
    }

    @Test
    void aSixthNodeEvictsTheOldestAndClosesItsSocket() {
        for (int i = 0; i < 5; i++) {
            assertRegistered(hub.register("alice", device(i)), device(i).nodeId(), false);
            hub.clock.advance(Duration.ofMinutes(1));
        }

        assertRegistered(hub.register("alice", device(5)), device(5).nodeId(), false);

        NodeId oldest = new NodeId(device(0).nodeId());
        assertThat(hub.nodes.findById(oldest)).isEmpty();
        assertThat(hub.nodes.findByOwner(hub.alice).size()).isEqualTo(5);
        assertThat(hub.sessions.closedNodes()).containsExactly(new ClosedNode(oldest, SocketClose.REVOKED));
    }

    @Test
    void challengeIsIssuedToTheCallerForFiveMinutes() {
        HttpResponse<String> response = hub.get("alice", "/register-node-id/challenge");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        JsonNode body = json(response);
        assertThat(body.get("challenge").asText()).startsWith("dpc-hub-proof-");
        assertThat(body.get("expires_at").asText()).isEqualTo(NOW.plus(Duration.ofMinutes(5)).toString());
        assertThat(body.get("signature_algorithm").asText()).isEqualTo("SHA256withRSA");
        assertThat(hub.challenges.take(body.get("challenge").asText()).orElseThrow().owner()).isEqualTo(hub.alice);
    }

    @Test
    void aValidProofIsRecordedAndTakesOverAnUnprovenBinding() {
        Identity fixture = TestIdentities.fixture("device2");
        assertRegistered(hub.register("bob", fixture), fixture.nodeId(), false);
        String challenge = json(hub.get("alice", "/register-node-id/challenge")).get("challenge").asText();
        Map<String, Object> body = NodeTestHub.body(fixture);
        body.put("proof", Map.of("challenge", challenge, "signature", fixture.sign(challenge)));

        assertRegistered(hub.post("alice", body), fixture.nodeId(), true);

        assertThat(hub.nodes.findById(new NodeId(fixture.nodeId())))
                .contains(new NodeIdentity(new NodeId(fixture.nodeId()), hub.alice, NOW, true));
        assertThat(hub.nodes.findByOwner(hub.bob).nodes()).isEmpty();
        assertThat(hub.sessions.closedNodes()).containsExactly(new ClosedNode(new NodeId(fixture.nodeId()), SocketClose.REVOKED));
    }

    @Test
    void listsTheCallersNodesNewestFirstWithThePrimaryMarked() {
        hub.register("alice", device(0));
        hub.clock.advance(Duration.ofMinutes(1));
        hub.register("alice", device(1));
        hub.register("bob", device(2));

        HttpResponse<String> response = hub.get("alice", "/nodes");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode nodes = json(response).get("nodes");
        assertThat(nodes).hasSize(2);
        assertThat(nodes.get(0).get("node_id").asText()).isEqualTo(device(1).nodeId());
        assertThat(nodes.get(0).get("primary").booleanValue()).isTrue();
        assertThat(nodes.get(0).get("registered_at").asText()).isEqualTo(NOW.plusSeconds(60).toString());
        assertThat(nodes.get(0).get("proof_of_possession").booleanValue()).isFalse();
        assertThat(nodes.get(1).get("node_id").asText()).isEqualTo(device(0).nodeId());
        assertThat(nodes.get(1).get("primary").booleanValue()).isFalse();
        assertThat(json(hub.get("bob", "/nodes")).get("nodes")).hasSize(1);
    }

    @Test
    void deletesTheCallersNodeAndClosesItsSocket() {
        Identity identity = device(0);
        hub.register("alice", identity);

        HttpResponse<String> othersAttempt = hub.delete("bob", "/nodes/" + identity.nodeId());
        assertThat(othersAttempt.statusCode()).isEqualTo(404);
        assertThat(json(othersAttempt).get("code").asText()).isEqualTo("node_not_found");
        assertThat(hub.nodes.findById(new NodeId(identity.nodeId()))).isPresent();

        HttpResponse<String> response = hub.delete("alice", "/nodes/" + identity.nodeId());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("node_id").asText()).isEqualTo(identity.nodeId());
        assertThat(json(response).get("deleted").booleanValue()).isTrue();
        assertThat(hub.nodes.findById(new NodeId(identity.nodeId()))).isEmpty();
        assertThat(hub.sessions.closedNodes()).containsExactly(new ClosedNode(new NodeId(identity.nodeId()), SocketClose.REVOKED));
        assertThat(hub.delete("alice", "/nodes/" + identity.nodeId()).statusCode()).isEqualTo(404);
    }

    @Test
    void deleteRefusesAMalformedNodeIdAsValidationError() {
        HttpResponse<String> response = hub.delete("alice", "/nodes/dpc-node-XYZ");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json(response).get("code").asText()).isEqualTo("validation_error");
        assertThat(json(response).get("errors").get(0).get("field").asText()).isEqualTo("node_id");
    }

    @Test
    void everyRouteRequiresABearerToken() {
        Identity identity = device(0);
        HttpResponse<String> missing = hub.register(null, identity);
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(json(missing).get("code").asText()).isEqualTo("not_authenticated");
        assertThat(missing.headers().firstValue("WWW-Authenticate")).contains("Bearer");

        assertThat(hub.register("mallory", identity).statusCode()).isEqualTo(401);
        assertThat(hub.get("mallory", "/nodes").statusCode()).isEqualTo(401);
        assertThat(hub.get("mallory", "/register-node-id/challenge").statusCode()).isEqualTo(401);
        assertThat(hub.delete("mallory", "/nodes/" + identity.nodeId()).statusCode()).isEqualTo(401);
        assertThat(hub.nothingStored()).isTrue();
        assertThat(hub.challenges.size()).isZero();
    }
}
