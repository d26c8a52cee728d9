package network.dpc.hub.adapter.http.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import network.dpc.hub.adapter.http.BearerAuthentication;
import network.dpc.hub.adapter.http.HttpSettings;
import network.dpc.hub.adapter.http.HubHttpServer;
import network.dpc.hub.adapter.http.TestHttpClient;
import network.dpc.hub.application.auth.TokenAuthority;
import network.dpc.hub.application.fake.InMemoryNodeIdentityRepository;
import network.dpc.hub.application.fake.InMemoryPresenceLookup;
import network.dpc.hub.application.fake.InMemoryProfileRepository;
import network.dpc.hub.application.fake.InMemoryRevocationStore;
import network.dpc.hub.application.fake.InMemoryTokenCodec;
import network.dpc.hub.application.fake.InMemoryUserRepository;
import network.dpc.hub.application.fake.MutableClock;
import network.dpc.hub.application.fake.RecordingSessionCloser;
import network.dpc.hub.application.service.AuthenticateService;
import network.dpc.hub.application.service.DeleteAccountService;
import network.dpc.hub.application.service.GetProfileService;
import network.dpc.hub.application.service.SearchProfilesService;
import network.dpc.hub.application.service.UpdateProfileService;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.node.NodeIdentity;
import network.dpc.hub.domain.token.TokenType;
import network.dpc.hub.domain.user.Email;
import network.dpc.hub.domain.user.User;

/**
 * A hub on a real port with only the profile routes, wired to in-memory fakes, the real token authority (over an
 * in-memory codec) and a hand-moved clock.
 */
final class ProfileTestHub implements AutoCloseable {

    static final Instant NOW = Instant.parse("2026-11-27T09:30:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    final MutableClock clock = new MutableClock(NOW);
    final InMemoryUserRepository users = new InMemoryUserRepository();
    final InMemoryNodeIdentityRepository nodes = new InMemoryNodeIdentityRepository();
    final InMemoryProfileRepository profiles = new InMemoryProfileRepository(nodes);
    final InMemoryPresenceLookup presence = new InMemoryPresenceLookup();
    final RecordingSessionCloser sessions = new RecordingSessionCloser();
    final TokenAuthority tokens = new TokenAuthority(new InMemoryTokenCodec(), new InMemoryRevocationStore(clock),
            users, clock, new SecureRandom(),
            new TokenAuthority.TokenSettings("dpc-hub", Duration.ofMinutes(30), Duration.ofDays(30)));
    final HubHttpServer server;
    final TestHttpClient http;
    private int nodeCounter;
    private int userCounter;

    ProfileTestHub() {
        ProfileRoutes routes = new ProfileRoutes(new BearerAuthentication(new AuthenticateService(tokens)),
                new UpdateProfileService(profiles, nodes, clock), new GetProfileService(profiles, nodes),
                new DeleteAccountService(tokens, users, nodes, profiles, sessions),
                new SearchProfilesService(profiles, presence));
        server = new HubHttpServer(new HttpSettings("127.0.0.1", false, HttpSettings.DEFAULT_MAX_REQUEST_BYTES),
                List.of(routes));
        http = new TestHttpClient(server.start(0));
    }

    /** A signed-in account: its user and an access token. */
    record Account(User user, String token) {
    }

    Account signUp(String name) {
        User user = User.register(new Email(name + "-" + (++userCounter) + "@example.org"), "github", NOW);
        users.save(user);
        return new Account(user, tokens.issue(user, TokenType.ACCESS));
    }

    NodeId registerNode(Account account) {
        NodeId node = new NodeId("dpc-node-%032x".formatted(++nodeCounter));
        nodes.add(new NodeIdentity(node, account.user().id(), clock.instant(), false), List.of());
        return node;
    }

    HttpResponse<String> put(String token, Object body) {
        try {
            return putRaw(token, body instanceof String text ? text : JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> putRaw(String token, String body) {
        HttpRequest.Builder request = http.request("/profile").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build());
    }

    HttpResponse<String> get(String token, String path) {
        HttpRequest.Builder request = http.request(path).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build());
    }

    HttpResponse<String> delete(String token, String path) {
        return http.send(http.request(path).header("Authorization", "Bearer " + token).DELETE().build());
    }

    void reset() {
        profiles.clear();
        nodes.clear();
        sessions.clear();
        presence.setOnline();
        clock.set(NOW);
    }

    @Override
    public void close() {
        server.stop();
    }
}
