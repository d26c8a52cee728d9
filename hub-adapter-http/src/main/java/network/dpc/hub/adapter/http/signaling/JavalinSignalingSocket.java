package network.dpc.hub.adapter.http.signaling;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.websocket.WsBinaryMessageContext;
import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import io.javalin.websocket.WsErrorContext;
import io.javalin.websocket.WsMessageContext;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import network.dpc.hub.adapter.http.BearerAuthentication;
import network.dpc.hub.adapter.http.HttpRoutes;
import network.dpc.hub.application.port.in.AuthorizeSignalingCommand;
import network.dpc.hub.application.port.in.Caller;
import network.dpc.hub.application.port.in.ConnectSignalingCommand;
import network.dpc.hub.application.port.out.ConnectionGauge;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.shared.DomainException;
import network.dpc.hub.domain.signaling.SocketClose;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket adapter of {@code /ws/signal} (contract §6) and {@code POST /ws/ticket}: authenticates before the
 * upgrade, keeps the open connections of this instance, pings and reaps silent sockets, and closes everything on
 * shutdown. All connection state lives in this object.
 */
public final class JavalinSignalingSocket implements HttpRoutes, ConnectionGauge {

    /** Upgrades decided at once; more are refused with 503 rather than queued on the database pool. */
    static final int MAX_UPGRADES_IN_FLIGHT = 64;

    public static final String PATH = "/ws/signal";
    public static final String TICKET_PATH = "/ws/ticket";

    private static final Logger log = LoggerFactory.getLogger(JavalinSignalingSocket.class);
    private static final String IDENTITY_ATTRIBUTE = "dpc.signaling.identity";
    private static final int MAX_TOKEN_LENGTH = 8 * 1024;

    private final SignalingSettings settings;
    private final SignalingUseCases useCases;
    private final BearerAuthentication bearer;
    private final Clock clock;
    private final SignalingFrames frames;
    private final SignalingMessages messages;
    private final SocketTickets tickets;
    private final SignalingMetrics metrics;
    private final Map<Session, SignalingConnection> connections = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;
    private volatile boolean shuttingDown;
    private final Semaphore upgradesInFlight = new Semaphore(MAX_UPGRADES_IN_FLIGHT);

    public JavalinSignalingSocket(SignalingSettings settings, SignalingUseCases useCases, Clock clock,
            SecureRandom random) {
        this(settings, useCases, clock, random, SignalingMetrics.NONE);
    }

    /** A socket that reports error frames and closes to {@code metrics}. */
    public JavalinSignalingSocket(SignalingSettings settings, SignalingUseCases useCases, Clock clock,
            SecureRandom random, SignalingMetrics metrics) {
        this(settings, useCases, clock, metrics, SocketTickets.inMemory(settings.ticketTtl(), clock, random));
    }

    /** A socket whose {@code /ws/ticket} tickets are honoured by every instance sharing {@code tickets}' key. */
    public JavalinSignalingSocket(SignalingSettings settings, SignalingUseCases useCases, Clock clock,
            SignalingMetrics metrics, SocketTickets tickets) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.useCases = Objects.requireNonNull(useCases, "useCases");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.bearer = new BearerAuthentication(useCases.authenticate());
        this.frames = new SignalingFrames(settings);
        this.messages = new SignalingMessages(useCases, frames, settings.maxMessageBytes(), metrics);
        this.tickets = Objects.requireNonNull(tickets, "tickets");
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "signaling-liveness");
            thread.setDaemon(true);
            return thread;
        });
        long tickMillis = Math.max(10, Math.min(settings.pingInterval().toMillis(),
                settings.silenceTimeout().toMillis()) / 4);
        scheduler.scheduleWithFixedDelay(this::checkLiveness, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post(TICKET_PATH, this::issueTicket);
        routes.wsBeforeUpgrade(PATH, this::beforeUpgrade);
        routes.ws(PATH, this::configure);
        routes.wsAfterUpgrade(PATH, JavalinSignalingSocket::dropHttpSession);
    }

    /**
     * Javalin creates an HTTP session on every upgrade (to copy its attributes into the socket context); a socket
     * needs none, so it is dropped at once instead of piling up in memory until the session timeout.
     */
    private static void dropHttpSession(Context ctx) {
        HttpSession session = ctx.req().getSession(false);
        if (session != null) {
            try {
                session.invalidate();
            } catch (IllegalStateException alreadyInvalid) {
                // nothing to drop
            }
        }
    }

    /** How this socket behaves (limits, liveness), for the hub's self-description. */
    public SignalingSettings settings() {
        return settings;
    }

    /** Sockets open on this instance right now (for {@code /health}'s {@code websocket_connections}). */
    @Override
    public long openConnections() {
        return connections.size();
    }

    /**
     * Refuses new sockets from now on and closes every open one with 1001 {@code Server shutting down}. Call it
     * after the HTTP server stops accepting connections and before it stops.
     */
    public void shutdown() {
        shuttingDown = true;
        List<SignalingConnection> open = List.copyOf(connections.values());
        open.forEach(connection -> connection.close(SocketClose.SHUTDOWN));
        log.info("Closed {} signaling sockets for shutdown", open.size());
        scheduler.schedule(scheduler::shutdown, settings.closeGrace().toMillis() + 1_000, TimeUnit.MILLISECONDS);
    }

    private void issueTicket(Context ctx) {
        bearer.caller(ctx);
        String token = ctx.header("Authorization").substring(7).trim();
        ctx.json(new TicketResponse(tickets.issue(token), tickets.ttlSeconds()));
    }

    /**
     * Decides before the upgrade. Javalin does not write a response for an exception thrown here, so a refusal is
     * written directly and the upgrade skipped.
     */
    private void beforeUpgrade(Context ctx) {
        switch (decideWithinCapacity(ctx)) {
            case UpgradeDecision.Admit admit -> ctx.attribute(IDENTITY_ATTRIBUTE, admit.identity());
            case UpgradeDecision.Refuse refuse -> {
                writeRefusal(ctx, refuse);
                ctx.skipRemainingHandlers();
            }
        }
    }

    /**
     * Decides at most {@link #MAX_UPGRADES_IN_FLIGHT} upgrades at once and refuses the rest at once with 503, so an
     * upgrade storm cannot queue on the database pool; an infrastructure failure while deciding (the database
     * unreachable or its pool exhausted) is a 503 too, never a 500.
     */
    private UpgradeDecision decideWithinCapacity(Context ctx) {
        if (shuttingDown || connections.size() >= settings.maxConnections() || !upgradesInFlight.tryAcquire()) {
            return UpgradeDecision.UNAVAILABLE;
        }
        try {
            return decide(ctx);
        } catch (RuntimeException unavailable) {
            log.debug("Could not decide an upgrade ({})", unavailable.getClass().getSimpleName());
            return UpgradeDecision.UNAVAILABLE;
        } finally {
            upgradesInFlight.release();
        }
    }

    private UpgradeDecision decide(Context ctx) {
        Optional<Caller> caller = authenticate(ctx);
        if (caller.isEmpty()) {
            return UpgradeDecision.UNAUTHENTICATED;
        }
        String origin = ctx.header("Origin");
        if (origin != null && !settings.allowedOrigins().contains(origin)) {
            return UpgradeDecision.FORBIDDEN;
        }
        NodeId node;
        try {
            node = useCases.authorize().authorize(new AuthorizeSignalingCommand(caller.get().userId(),
                    Optional.ofNullable(ctx.queryParam("node_id")).filter(s -> !s.isBlank())));
        } catch (DomainException refused) {
            return UpgradeDecision.FORBIDDEN;
        }
        return new UpgradeDecision.Admit(new Identity(caller.get(), node));
    }

    private Optional<Caller> authenticate(Context ctx) {
        String token = presentedToken(ctx);
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        try {
            return Optional.of(useCases.authenticate().authenticate(token));
        } catch (DomainException refused) {
            return Optional.empty();
        }
    }

    private void writeRefusal(Context ctx, UpgradeDecision.Refuse refuse) {
        HttpServletResponse response = ctx.res();
        byte[] body = frames.refusal(refuse.detail(), refuse.code());
        response.setStatus(refuse.status());
        response.setContentType("application/json");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        if (refuse.status() == 401) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        response.setContentLength(body.length);
        try {
            response.getOutputStream().write(body);
            response.flushBuffer();
        } catch (IOException clientGone) {
            log.debug("Could not answer a refused upgrade ({})", clientGone.getClass().getSimpleName());
        }
    }

    /** The access token: from a single-use ticket, the {@code token} query parameter, or a Bearer header. */
    private String presentedToken(Context ctx) {
        String ticket = ctx.queryParam("ticket");
        if (ticket != null) {
            return tickets.redeem(ticket).orElse(null);
        }
        String query = ctx.queryParam("token");
        if (query != null) {
            return query;
        }
        String header = ctx.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).trim();
        }
        return null;
    }

    private void configure(WsConfig ws) {
        ws.onConnect(this::onConnect);
        ws.onMessage(this::onMessage);
        ws.onBinaryMessage(this::onBinaryMessage);
        ws.onClose(this::onClose);
        ws.onError(this::onError);
    }

    private void onConnect(WsConnectContext ctx) {
        Identity identity = ctx.attribute(IDENTITY_ATTRIBUTE);
        Session session = ctx.session;
        if (identity == null) {
            session.close(1011, "not authenticated", org.eclipse.jetty.websocket.api.Callback.NOOP);
            return;
        }
        long inboundLimit = (long) settings.maxMessageBytes() * 4;
        session.setMaxTextMessageSize(inboundLimit);
        session.setMaxBinaryMessageSize(inboundLimit);
        session.setMaxOutgoingFrames(settings.maxOutboundFrames() * 2);
        session.setIdleTimeout(settings.silenceTimeout().plus(settings.pingInterval()));
        SignalingConnection connection = new SignalingConnection(session, identity.caller().userId(),
                identity.node(), newAllowance(), frames, settings, scheduler);
        connections.put(session, connection);
        connection.registeredAs(useCases.connect().connect(
                new ConnectSignalingCommand(identity.caller().userId(), identity.node(), connection)));
        try {
            connection.greet(frames.authOk(identity.node()));
        } catch (IllegalStateException closedAlready) {
            return; // the client left during the upgrade; its close forgets the connection
        }
        log.debug("Signaling socket opened");
    }

    private void onMessage(WsMessageContext ctx) {
        SignalingConnection connection = connections.get(ctx.session);
        if (connection != null) {
            messages.onText(connection, ctx.message());
        }
    }

    private void onBinaryMessage(WsBinaryMessageContext ctx) {
        SignalingConnection connection = connections.get(ctx.session);
        if (connection != null) {
            messages.onBinary(connection, ctx.data().remaining());
        }
    }

    private void onClose(WsCloseContext ctx) {
        metrics.socketClosed(ctx.status());
        forget(ctx);
        log.debug("Signaling socket closed with {}", ctx.status());
    }

    private void onError(WsErrorContext ctx) {
        log.debug("Signaling socket failed ({})", ctx.error() == null ? "unknown" : ctx.error().getClass().getSimpleName());
    }

    private void forget(WsContext ctx) {
        SignalingConnection connection = connections.get(ctx.session);
        if (connection == null) {
            return;
        }
        connection.gone();
        try {
            if (connection.key() != null) {
                useCases.disconnect().disconnect(connection.key(), connection);
            }
        } finally {
            connections.remove(ctx.session); // last, so the gauge reaches zero only once all is forgotten
        }
    }

    private void checkLiveness() {
        long now = System.nanoTime();
        for (SignalingConnection connection : connections.values()) {
            try {
                connection.checkLiveness(now);
            } catch (RuntimeException e) {
                log.debug("Liveness check failed ({})", e.getClass().getSimpleName());
            }
        }
    }

    private Bucket newAllowance() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(settings.burst())
                        .refillGreedy(settings.messagesPerSecond(), Duration.ofSeconds(1)).build())
                .withCustomTimePrecision(new ClockTimeMeter(clock))
                .build();
    }

    private record Identity(Caller caller, NodeId node) {
    }

    /** Whether a socket may be opened; a refusal carries its one generic sentence per status. */
    private sealed interface UpgradeDecision {

        Refuse UNAUTHENTICATED = new Refuse(401, "not_authenticated", "Could not validate credentials");
        Refuse FORBIDDEN = new Refuse(403, "forbidden", "Not allowed to open this socket");
        Refuse UNAVAILABLE = new Refuse(503, "too_many_connections",
                "The hub cannot take more connections right now, try again later");

        record Admit(Identity identity) implements UpgradeDecision {
        }

        record Refuse(int status, String code, String detail) implements UpgradeDecision {
        }
    }

    record TicketResponse(String ticket, long expiresIn) {
    }

    /** Lets the rate limiter follow the injected clock, so tests move time instead of sleeping. */
    private record ClockTimeMeter(Clock clock) implements TimeMeter {
        @Override
        public long currentTimeNanos() {
            java.time.Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
