package network.dpc.hub.adapter.http.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import network.dpc.hub.adapter.http.BearerAuthentication;
import network.dpc.hub.adapter.http.HttpSettings;
import network.dpc.hub.adapter.http.HubHttpServer;
import network.dpc.hub.adapter.http.TestHttpClient;
import network.dpc.hub.application.fake.InMemoryNodeChallengeStore;
import network.dpc.hub.application.fake.InMemoryNodeIdentityRepository;
import network.dpc.hub.application.fake.MutableClock;
import network.dpc.hub.application.fake.RecordingSessionCloser;
import network.dpc.hub.application.port.in.AuthenticateUseCase;
import network.dpc.hub.application.port.in.Caller;
import network.dpc.hub.application.service.DeleteNodeService;
import network.dpc.hub.application.service.IssueNodeChallengeService;
import network.dpc.hub.application.service.ListNodesService;
import network.dpc.hub.application.service.RegisterNodeService;
import network.dpc.hub.domain.node.NodeIdentityPolicy;
import network.dpc.hub.domain.node.NodeSetPolicy;
import network.dpc.hub.domain.node.ProofRequirement;
import network.dpc.hub.domain.shared.DomainException;
import network.dpc.hub.domain.shared.ErrorKind;
import network.dpc.hub.domain.user.UserId;

/**
 * A hub on a real port with only the node routes, wired to in-memory fakes and a hand-moved clock; the bearer
 * tokens {@code alice} and {@code bob} authenticate two users (a stand-in for the token service).
 */
final class NodeTestHub implements AutoCloseable {

    static final Instant NOW = Instant.parse("2026-11-27T09:30:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    final MutableClock clock = new MutableClock(NOW);
    final InMemoryNodeIdentityRepository nodes = new InMemoryNodeIdentityRepository();
    final InMemoryNodeChallengeStore challenges = new InMemoryNodeChallengeStore();
    final RecordingSessionCloser sessions = new RecordingSessionCloser();
    final UserId alice = UserId.random();
    final UserId bob = UserId.random();
    final HubHttpServer server;
    final TestHttpClient http;

    NodeTestHub(ProofRequirement proof, int maxNodesPerUser) {
        Map<String, UserId> tokens = Map.of("alice", alice, "bob", bob);
        AuthenticateUseCase authenticate = token -> {
            UserId user = tokens.get(token);
            if (user == null) {
                throw new DomainException(ErrorKind.UNAUTHORIZED, "invalid_token", "Invalid token");
            }
            return new Caller(user, "jti-" + token, NOW.plusSeconds(3600));
        };
        NodeRoutes routes = new NodeRoutes(new BearerAuthentication(authenticate),
                new RegisterNodeService(nodes, challenges, sessions, NodeIdentityPolicy.standard(),
                        new NodeSetPolicy(maxNodesPerUser), proof, clock),
                new IssueNodeChallengeService(challenges, new SecureRandom(), clock),
                new ListNodesService(nodes),
                new DeleteNodeService(nodes, sessions));
        server = new HubHttpServer(new HttpSettings("127.0.0.1", false, HttpSettings.DEFAULT_MAX_REQUEST_BYTES),
                List.of(routes));
        http = new TestHttpClient(server.start(0));
    }

    static Map<String, Object> body(TestIdentities.Identity identity) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("node_id", identity.nodeId());
        body.put("public_key", identity.publicKeyPem());
        body.put("certificate", identity.certificatePem());
        return body;
    }

    HttpResponse<String> register(String token, TestIdentities.Identity identity) {
        return post(token, body(identity));
    }

    HttpResponse<String> post(String token, Object body) {
        try {
            return postRaw(token, JSON.writeValueAsString(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> postRaw(String token, String body) {
        HttpRequest.Builder request = http.request("/register-node-id")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build());
    }

    HttpResponse<String> get(String token, String path) {
        return http.send(http.request(path).header("Authorization", "Bearer " + token).GET().build());
    }

    HttpResponse<String> delete(String token, String path) {
        return http.send(http.request(path).header("Authorization", "Bearer " + token).DELETE().build());
    }

    /** Back to the start: no bindings, no challenges, no closed sockets, the clock at {@link #NOW}. */
    void reset() {
        nodes.clear();
        challenges.clear();
        sessions.clear();
        clock.set(NOW);
    }

    /** Whether nothing at all is bound: no node for either user. */
    boolean nothingStored() {
        return nodes.findByOwner(alice).nodes().isEmpty() && nodes.findByOwner(bob).nodes().isEmpty();
    }

    @Override
    public void close() {
        server.stop();
    }
}
