package network.dpc.hub.adapter.http.signaling;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import network.dpc.hub.adapter.http.BearerAuthentication;
import network.dpc.hub.adapter.http.ApiException;
import network.dpc.hub.adapter.http.WebSocketRoutes;
import network.dpc.hub.application.port.in.AuthorizeSignalingCommand;
import network.dpc.hub.application.port.in.Caller;
import network.dpc.hub.application.port.in.ConnectSignalingCommand;
import network.dpc.hub.application.port.out.ConnectionGauge;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.shared.DomainException;
import network.dpc.hub.domain.signaling.SocketClose;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket adapter of {@code /ws/signal} (contract §6) and {@code POST /ws/ticket}: authenticates before the
 * upgrade, keeps the open connections of this instance, pings and reaps silent sockets, and closes everything on
 * shutdown. All connection state lives in this object. The ticket route runs in Javalin; the upgrades are answered
 * by the hub's own Jetty handler in front of it (see {@link WebSocketRoutes}), and each socket's frames are handled
 * on the selector thread that read them, what may wait on a virtual thread (ADR 0008).
 */
public final class JavalinSignalingSocket implements WebSocketRoutes, ConnectionGauge {

    /**
     * Upgrades decided at once; more are refused with 503 rather than queued without bound. A token upgrade's
     * database work is batched (a few statements serve all of these): at 2,000 upgrades per second with the ownership
     * lookup taking 10 to 40 ms under load, a bound of 64 refused healthy clients in ordinary bursts. A ticket
     * upgrade (and a token check while the revocation mirror is stale) still takes a pooled connection of its own,
     * bounded by the pool and its timeout, after which the upgrade is refused with 503.
     */
    static final int MAX_UPGRADES_IN_FLIGHT = 256;

    /**
     * The longest {@link #shutdown()} waits for closed sockets to be forgotten: well inside the 30 s that the shipped
     * systemd unit and compose files give a stopping hub, which also has its HTTP server and database to stop.
     */
    static final Duration SHUTDOWN_WAIT_LIMIT = Duration.ofSeconds(20);

    public static final String PATH = "/ws/signal";
    public static final String TICKET_PATH = "/ws/ticket";

    private static final Logger log = LoggerFactory.getLogger(JavalinSignalingSocket.class);
    /**
     * The socket's input buffer size: Jetty asks its buffer pool for network reads of this size (pooled, not
     * allocated per read), and a signal is mostly an ICE candidate of ~300 bytes. A frame larger than one read
     * arrives in parts that {@link SocketFrames} assembles, so the 64 KiB frame limit is unaffected.
     */
    private static final int TEXT_BUFFER_BYTES = 1024;
    /** Far above the ~300 characters of the hub's tokens, and below Jetty's 8 KiB header limit (which answers 431). */
    private static final int MAX_TOKEN_LENGTH = 4 * 1024;

    private final SignalingSettings settings;
    private final SignalingUseCases useCases;
    private final BearerAuthentication bearer;
    private final Clock clock;
    private final SignalingFrames frames;
    private final SignalingMessages messages;
    private final SocketTickets tickets;
    private final SignalingMetrics metrics;
    private final Set<SignalingConnection> connections = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService scheduler;
    private volatile boolean shuttingDown;
    private final Semaphore upgradesInFlight = new Semaphore(MAX_UPGRADES_IN_FLIGHT);
    /** Notified as sockets are forgotten during shutdown. */
    private final Object forgotten = new Object();
    private final ThreadFactory waitingWork = Thread.ofVirtual().name("signaling-", 0).factory();

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
        routes.get(PATH, ctx -> {
            throw new ApiException(426, "upgrade_required", "This endpoint speaks WebSocket only");
        });
    }

    @Override
    public String webSocketPath() {
        return PATH;
    }

    @Override
    public WebSocketNegotiator webSocketNegotiator() {
        return this::upgrade;
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
     * Refuses new sockets from now on, closes every open one with 1001 {@code Server shutting down} and waits until
     * they are closed and forgotten (their nodes offline), so that happens before the database goes; it gives up
     * waiting once no socket was forgotten for the close grace and a second, and after {@link #SHUTDOWN_WAIT_LIMIT}
     * in any case. Call it before the HTTP server stops.
     */
    public void shutdown() {
        shuttingDown = true;
        List<SignalingConnection> open = List.copyOf(connections);
        open.forEach(connection -> connection.close(SocketClose.SHUTDOWN));
        long notForgotten = awaitForgotten(settings.closeGrace().plusSeconds(1), SHUTDOWN_WAIT_LIMIT);
        log.info("Closed {} signaling sockets for shutdown{}", open.size(),
                notForgotten == 0 ? "" : "; " + notForgotten + " not yet forgotten");
        scheduler.schedule(scheduler::shutdown, settings.closeGrace().toMillis() + 1_000, TimeUnit.MILLISECONDS);
    }

    /**
     * Waits until every socket is forgotten, until none was for {@code patience}, or until {@code limit} passed;
     * returns how many are left.
     */
    private long awaitForgotten(Duration patience, Duration limit) {
        long stopAt = System.nanoTime() + limit.toNanos();
        synchronized (forgotten) {
            int left = connections.size();
            long giveUpAt = System.nanoTime() + patience.toNanos();
            while (left > 0) {
                long wait = Math.min(giveUpAt, stopAt) - System.nanoTime();
                if (wait <= 0) {
                    break;
                }
                try {
                    forgotten.wait(TimeUnit.NANOSECONDS.toMillis(wait) + 1);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
                if (connections.size() < left) {
                    left = connections.size();
                    giveUpAt = System.nanoTime() + patience.toNanos();
                }
            }
            return connections.size();
        }
    }

    private void issueTicket(Context ctx) {
        bearer.caller(ctx);
        String token = ctx.header("Authorization").substring(7).trim();
        ctx.json(new TicketResponse(tickets.issue(token), tickets.ttlSeconds()));
    }

    /**
     * Decides an upgrade: the frame handler of the new socket, or a refusal written as a JSON response (then
     * {@code null}, as Jetty expects, with the callback completed by the write). Compression is never negotiated:
     * {@code HubHttpServer} leaves it out of the server's extension registry.
     */
    private FrameHandler upgrade(ServerUpgradeRequest request, ServerUpgradeResponse response,
            org.eclipse.jetty.util.Callback callback) {
        switch (decideWithinCapacity(request)) {
            case UpgradeDecision.Admit admit -> {
                return new SocketFrames(new Events(admit.identity()), inboundLimit());
            }
            case UpgradeDecision.Refuse refuse -> {
                writeRefusal(response, refuse, callback);
                return null;
            }
        }
    }

    /**
     * Decides at most {@link #MAX_UPGRADES_IN_FLIGHT} upgrades at once and refuses the rest at once with 503, so an
     * upgrade storm cannot queue on the database pool; an infrastructure failure while deciding (the database
     * unreachable or its pool exhausted) is a 503 too, never a 500.
     */
    private UpgradeDecision decideWithinCapacity(Request request) {
        if (shuttingDown || connections.size() >= settings.maxConnections() || !upgradesInFlight.tryAcquire()) {
            return UpgradeDecision.UNAVAILABLE;
        }
        try {
            return decide(request);
        } catch (RuntimeException unavailable) {
            log.debug("Could not decide an upgrade ({})", unavailable.getClass().getSimpleName());
            return UpgradeDecision.UNAVAILABLE;
        } finally {
            upgradesInFlight.release();
        }
    }

    private UpgradeDecision decide(Request request) {
        Fields query = Request.extractQueryParameters(request);
        Optional<Caller> caller = authenticate(request, query);
        if (caller.isEmpty()) {
            return UpgradeDecision.UNAUTHENTICATED;
        }
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin != null && !settings.allowedOrigins().contains(origin)) {
            return UpgradeDecision.FORBIDDEN;
        }
        NodeId node;
        try {
            node = useCases.authorize().authorize(new AuthorizeSignalingCommand(caller.get().userId(),
                    Optional.ofNullable(query.getValue("node_id")).filter(s -> !s.isBlank())));
        } catch (DomainException refused) {
            return UpgradeDecision.FORBIDDEN;
        }
        return new UpgradeDecision.Admit(new Identity(caller.get(), node));
    }

    private Optional<Caller> authenticate(Request request, Fields query) {
        String token = presentedToken(request, query);
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        try {
            return Optional.of(useCases.authenticate().authenticate(token));
        } catch (DomainException refused) {
            return Optional.empty();
        }
    }

    private void writeRefusal(ServerUpgradeResponse response, UpgradeDecision.Refuse refuse,
            org.eclipse.jetty.util.Callback callback) {
        byte[] body = frames.refusal(refuse.detail(), refuse.code());
        response.setStatus(refuse.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("X-Frame-Options", "DENY");
        response.getHeaders().put("Referrer-Policy", "no-referrer");
        if (refuse.status() == 401) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
        }
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** The access token: from a single-use ticket, the {@code token} query parameter, or a Bearer header. */
    private String presentedToken(Request request, Fields query) {
        String ticket = query.getValue("ticket");
        if (ticket != null) {
            return tickets.redeem(ticket).orElse(null);
        }
        String token = query.getValue("token");
        if (token != null) {
            return token;
        }
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).trim();
        }
        return null;
    }

    /**
     * One socket's events; the connection is held here, so no lookup per message. Messages arrive on the selector
     * thread: what may wait for the database (part of a message's handling, and forgetting a closed socket) runs on
     * a virtual thread of its own.
     */
    private final class Events implements SocketFrames.Events {

        private final Identity identity;
        private SignalingConnection connection;
        /**
         * Guards the two flags below: a closed socket is forgotten only after its message's waiting work (a close
         * seen while {@code messageWaiting} is left to {@link #afterWaiting()}).
         */
        private final Object waiting = new Object();
        private boolean messageWaiting;
        private boolean closed;

        private Events(Identity identity) {
            this.identity = identity;
        }

        @Override
        public void opened(CoreSession session) {
            connection = newConnection(session, identity); // known before anything can close the socket
            open(connection, identity);
        }

        @Override
        public boolean text(String message) {
            if (connection == null) {
                return true;
            }
            Runnable rest = messages.onText(connection, message);
            if (rest == null) {
                return true;
            }
            synchronized (waiting) {
                if (closed) {
                    return true; // closed (and being forgotten) while the message was read: nobody to answer
                }
                messageWaiting = true;
            }
            mayWait(() -> {
                try {
                    rest.run();
                } finally {
                    afterWaiting();
                }
            });
            return false;
        }

        /** Reads the socket's next message, or forgets the socket if it closed meanwhile. */
        private void afterWaiting() {
            boolean forgetNow;
            synchronized (waiting) {
                messageWaiting = false;
                forgetNow = closed; // text() starts no waiting work once closed, so this close came during it
            }
            if (forgetNow) {
                forget(connection); // after the work, so a subscription it made is dropped with the socket
            } else {
                connection.readNext(); // the socket's next message, now that this one is done
            }
        }

        @Override
        public void binary(long length) {
            if (connection != null) {
                messages.onBinary(connection, (int) Math.min(Integer.MAX_VALUE, length));
            }
        }

        @Override
        public void closed(int status) {
            metrics.socketClosed(status);
            log.debug("Signaling socket closed with {}", status);
            if (connection == null) {
                return;
            }
            synchronized (waiting) {
                closed = true;
                if (messageWaiting) {
                    return; // afterWaiting() forgets it
                }
            }
            mayWait(() -> forget(connection));
        }
    }

    /**
     * The most a message may have before the socket is closed with 1009 ({@link SocketFrames}); between the contract's
     * limit and this, the hub answers {@code message_too_large} and keeps the socket.
     */
    private long inboundLimit() {
        return (long) settings.maxMessageBytes() * 4;
    }

    private SignalingConnection newConnection(CoreSession session, Identity identity) {
        session.setMaxOutgoingFrames(settings.maxOutboundFrames() * 2);
        session.setIdleTimeout(settings.silenceTimeout().plus(settings.pingInterval()));
        session.setInputBufferSize(TEXT_BUFFER_BYTES);
        return new SignalingConnection(session, identity.caller().userId(), identity.node(), newAllowance(), frames,
                settings, scheduler);
    }

    /** Registers the socket's node and greets it; a close reported meanwhile already knows the connection. */
    private void open(SignalingConnection connection, Identity identity) {
        connections.add(connection);
        try {
            connection.registeredAs(useCases.connect().connect(
                    new ConnectSignalingCommand(identity.caller().userId(), identity.node(), connection)));
        } catch (RuntimeException failed) {
            connections.remove(connection); // Jetty closes the socket (1011); nothing else holds it
            throw failed;
        }
        try {
            connection.greet(frames.authOk(identity.node()));
        } catch (IllegalStateException closedAlready) {
            return; // the client left during the upgrade; its close forgets the connection
        }
        if (shuttingDown) {
            connection.close(SocketClose.SHUTDOWN); // admitted while shutdown() was taking its copy of the sockets
        }
        log.debug("Signaling socket opened");
    }

    /** Runs {@code work}, which may wait for the database, on a virtual thread of its own. */
    private void mayWait(Runnable work) {
        waitingWork.newThread(() -> {
            try {
                work.run();
            } catch (RuntimeException failed) {
                log.warn("Signaling work failed ({})", failed.getClass().getSimpleName());
            }
        }).start();
    }

    private void forget(SignalingConnection connection) {
        connection.gone();
        try {
            if (connection.key() != null) {
                useCases.disconnect().disconnect(connection.key(), connection);
            }
        } finally {
            connections.remove(connection); // last, so the gauge reaches zero only once all is forgotten
            if (shuttingDown) {
                synchronized (forgotten) {
                    forgotten.notifyAll();
                }
            }
        }
    }

    private void checkLiveness() {
        long now = System.nanoTime();
        for (SignalingConnection connection : connections) {
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
