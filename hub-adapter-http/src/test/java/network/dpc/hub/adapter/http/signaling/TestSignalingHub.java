package network.dpc.hub.adapter.http.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import network.dpc.hub.adapter.http.BearerAuthentication;
import network.dpc.hub.adapter.http.HttpSettings;
import network.dpc.hub.adapter.http.HubHttpServer;
import network.dpc.hub.adapter.http.TestHttpClient;
import network.dpc.hub.application.fake.InMemoryNodeOwnership;
import network.dpc.hub.application.fake.InMemoryPresenceDirectory;
import network.dpc.hub.application.fake.MutableClock;
import network.dpc.hub.application.port.in.SubscribePresenceUseCase;
import network.dpc.hub.application.port.out.SignalDelivery;
import network.dpc.hub.application.port.out.SignalEndpoint;
import network.dpc.hub.application.service.PresenceService;
import network.dpc.hub.application.service.SignalingService;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.presence.PresenceSubscriptions;
import network.dpc.hub.domain.signaling.SessionTable;
import network.dpc.hub.domain.signaling.TemporaryNodeIds;
import network.dpc.hub.domain.user.UserId;

/** The signaling part of the hub, wired as the composition root will wire it, on a real port with fake tokens. */
final class TestSignalingHub implements AutoCloseable {

    static final String VERSION = "9.9.9-test";
    static final String ALLOWED_ORIGIN = "https://app.dpc.example";

    final MutableClock clock = MutableClock.at("2026-11-27T08:00:30Z");
    final FakeAuthentication auth = new FakeAuthentication();
    final InMemoryNodeOwnership ownership = new InMemoryNodeOwnership();
    final SessionTable<SignalEndpoint> sessions = new SessionTable<>();
    final PresenceSubscriptions<SignalEndpoint> watchers = new PresenceSubscriptions<>();
    final InMemoryPresenceDirectory directory = new InMemoryPresenceDirectory();
    final SignalingService signaling;
    final JavalinSignalingSocket socket;
    final HubHttpServer server;
    final int port;
    final TestHttpClient http;
    /** The close code of every socket whose close the adapter reported, in order. */
    final List<Integer> closeCodes = new CopyOnWriteArrayList<>();

    TestSignalingHub() {
        this(SignalingSettings.defaults(VERSION, java.util.Set.of(ALLOWED_ORIGIN)));
    }

    TestSignalingHub(SignalingSettings settings) {
        this(settings, UnaryOperator.identity());
    }

    /** A hub whose relays go through {@code delivery}, given the one to this process's sockets. */
    TestSignalingHub(SignalingSettings settings, UnaryOperator<SignalDelivery> delivery) {
        this(settings, delivery, UnaryOperator.identity());
    }

    /**
     * A hub whose relays go through {@code delivery}, given the one to this process's sockets, and whose presence
     * subscriptions go through {@code subscribe}, given the real one.
     */
    TestSignalingHub(SignalingSettings settings, UnaryOperator<SignalDelivery> delivery,
            UnaryOperator<SubscribePresenceUseCase> subscribe) {
        signaling = new SignalingService(sessions, watchers, directory,
                delivery.apply(new InProcessSignalDelivery(sessions)),
                ownership, new TemporaryNodeIds("test-key-for-temporary-ids".getBytes(StandardCharsets.UTF_8)),
                clock);
        PresenceService presence = new PresenceService(watchers, directory);
        socket = new JavalinSignalingSocket(settings, new SignalingUseCases(auth, signaling, signaling, signaling,
                signaling, subscribe.apply(presence), presence), clock, new SecureRandom(), new SignalingMetrics() {
                    @Override
                    public void errorSent(String code) {
                        // not needed by the tests
                    }

                    @Override
                    public void socketClosed(int closeCode) {
                        closeCodes.add(closeCode);
                    }
                });
        server = new HubHttpServer(new HttpSettings("127.0.0.1", false, 64 * 1024),
                List.of(socket, new PresenceRoutes(presence, new BearerAuthentication(auth)),
                        routes -> routes.get("/test/has-session",
                                ctx -> ctx.result(String.valueOf(ctx.req().getSession(false) != null)))));
        port = server.start(0);
        http = new TestHttpClient(port);
    }

    /** A new user owning {@code nodes} (the first is the primary), with a valid token. */
    User user(NodeId... nodes) {
        UserId id = UserId.random();
        for (NodeId node : nodes) {
            ownership.grant(id, node);
        }
        return new User(id, auth.tokenFor(id), nodes.length == 0 ? null : nodes[0]);
    }

    /** The query that authenticates {@code user}'s socket as the field client does: its token. */
    static String query(User user) {
        return "token=" + URLEncoder.encode(user.token(), StandardCharsets.UTF_8);
    }

    /** Opens a socket for {@code user} with the token in the query, as the field client does, past its auth_ok. */
    WsClient connect(User user) {
        WsClient client = WsClient.connect(wsUrl(query(user)));
        assertThat(client.next().get("type").asText()).isEqualTo("auth_ok");
        return client;
    }

    /** Waits for a condition on the hub's state with a bound, polling (it is state, not a queue to block on). */
    static void eventually(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WsClient.WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WsClient.WAIT + ": " + what);
            }
            try {
                Thread.sleep(10); // polling interval of a bounded wait, not a timing assumption
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    String wsUrl(String query) {
        return "ws://127.0.0.1:" + port + JavalinSignalingSocket.PATH + (query.isEmpty() ? "" : "?" + query);
    }

    @Override
    public void close() {
        socket.shutdown();
        server.stop();
    }

    record User(UserId id, String token, NodeId node) {
    }
}
