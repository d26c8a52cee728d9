package network.dpc.hub.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import network.dpc.hub.adapter.http.BearerAuthentication;
import network.dpc.hub.adapter.http.HealthRoutes;
import network.dpc.hub.adapter.http.HttpRoutes;
import network.dpc.hub.adapter.http.HttpSettings;
import network.dpc.hub.adapter.http.HubHttpServer;
import network.dpc.hub.adapter.http.account.AccountRoutes;
import network.dpc.hub.adapter.http.account.TokenEndpointRoutes;
import network.dpc.hub.adapter.http.meta.ApiDocsRoutes;
import network.dpc.hub.adapter.http.meta.HubDescription;
import network.dpc.hub.adapter.http.meta.WellKnownRoutes;
import network.dpc.hub.adapter.http.metrics.MeteredRouteSignal;
import network.dpc.hub.adapter.http.metrics.MetricsRoutes;
import network.dpc.hub.adapter.http.metrics.PrometheusHubMetrics;
import network.dpc.hub.adapter.http.node.NodeRoutes;
import network.dpc.hub.adapter.http.profile.ProfileRoutes;
import network.dpc.hub.adapter.http.ratelimit.ClientAddresses;
import network.dpc.hub.adapter.http.ratelimit.RateLimiting;
import network.dpc.hub.adapter.http.signaling.InProcessSignalDelivery;
import network.dpc.hub.adapter.http.signaling.JavalinSignalingSocket;
import network.dpc.hub.adapter.http.signaling.PresenceRoutes;
import network.dpc.hub.adapter.http.signaling.SignalingSettings;
import network.dpc.hub.adapter.http.signaling.SignalingUseCases;
import network.dpc.hub.adapter.http.signaling.SocketTickets;
import network.dpc.hub.adapter.http.turn.HmacTurnCredentialSigner;
import network.dpc.hub.adapter.http.turn.TurnRoutes;
import network.dpc.hub.adapter.oauth.OAuthIdentityProviders;
import network.dpc.hub.adapter.oauth.jwt.NimbusTokenCodec;
import network.dpc.hub.adapter.persistence.BatchedNodeOwnership;
import network.dpc.hub.adapter.persistence.DatabaseUrl;
import network.dpc.hub.adapter.persistence.EmbeddedPostgresServer;
import network.dpc.hub.adapter.persistence.JdbiHubCodeStore;
import network.dpc.hub.adapter.persistence.JdbiLoginAttemptStore;
import network.dpc.hub.adapter.persistence.JdbiNodeChallengeStore;
import network.dpc.hub.adapter.persistence.JdbiNodeIdentityRepository;
import network.dpc.hub.adapter.persistence.JdbiProfileRepository;
import network.dpc.hub.adapter.persistence.JdbiRateWindowCounter;
import network.dpc.hub.adapter.persistence.JdbiRevocationStore;
import network.dpc.hub.adapter.persistence.JdbiSocketTicketBook;
import network.dpc.hub.adapter.persistence.JdbiUserRepository;
import network.dpc.hub.adapter.persistence.PostgresDatabase;
import network.dpc.hub.adapter.persistence.bus.InstanceBusSettings;
import network.dpc.hub.adapter.persistence.bus.PostgresInstanceBus;
import network.dpc.hub.adapter.persistence.bus.PostgresSessionCloser;
import network.dpc.hub.application.auth.RandomValues;
import network.dpc.hub.application.auth.TokenAuthority;
import network.dpc.hub.application.port.out.ConnectionGauge;
import network.dpc.hub.application.port.out.HubCodeStore;
import network.dpc.hub.application.port.out.InstanceBusProbe;
import network.dpc.hub.application.port.out.LoginAttemptStore;
import network.dpc.hub.application.port.out.NodeChallengeStore;
import network.dpc.hub.application.port.out.NodeIdentityRepository;
import network.dpc.hub.application.port.out.SessionCloser;
import network.dpc.hub.application.port.out.PresenceLookup;
import network.dpc.hub.application.port.out.ProfileRepository;
import network.dpc.hub.application.port.out.RevocationStore;
import network.dpc.hub.application.port.out.SignalEndpoint;
import network.dpc.hub.application.port.out.SocketTicketBook;
import network.dpc.hub.application.port.out.UserRepository;
import network.dpc.hub.application.service.AuthenticateService;
import network.dpc.hub.application.service.CompleteLoginService;
import network.dpc.hub.application.service.DeleteAccountService;
import network.dpc.hub.application.service.DeleteNodeService;
import network.dpc.hub.application.service.ExchangeHubCodeService;
import network.dpc.hub.application.service.GetAccountService;
import network.dpc.hub.application.service.GetProfileService;
import network.dpc.hub.application.service.HealthService;
import network.dpc.hub.application.service.IssueNodeChallengeService;
import network.dpc.hub.application.service.IssueTurnCredentialsService;
import network.dpc.hub.application.service.ListNodesService;
import network.dpc.hub.application.service.LogoutService;
import network.dpc.hub.application.service.PresenceService;
import network.dpc.hub.application.service.PurgeExpiredService;
import network.dpc.hub.application.service.RefreshAccessTokenService;
import network.dpc.hub.application.service.RegisterNodeService;
import network.dpc.hub.application.service.SearchProfilesService;
import network.dpc.hub.application.service.SignalingService;
import network.dpc.hub.application.service.StartLoginService;
import network.dpc.hub.application.service.UpdateProfileService;
import network.dpc.hub.domain.login.ClientRedirectPolicy;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.node.NodeIdentityPolicy;
import network.dpc.hub.domain.node.NodeSetPolicy;
import network.dpc.hub.domain.node.ProofRequirement;
import network.dpc.hub.domain.presence.PresenceSubscriptions;
import network.dpc.hub.domain.signaling.SessionTable;
import network.dpc.hub.domain.signaling.SocketClose;
import network.dpc.hub.domain.signaling.TemporaryNodeIds;
import network.dpc.hub.domain.user.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds the adapters, then the services, then the HTTP adapter, by hand and in that order,
 * one method per area. {@link #start(int)} and {@link #stop()} are what {@code Main} and the system tests use.
 */
public final class Hub {

    private static final Logger log = LoggerFactory.getLogger(Hub.class);
    private static final int DATABASE_POOL_SIZE = 20;
    private static final long HOUSEKEEPING_PERIOD_SECONDS = 60;
    /** Other instances' revocations reach this one's token checks within this (contract: within a second). */
    private static final Duration REVOCATION_POLL_INTERVAL = Duration.ofMillis(250);
    /**
     * As long as a socket's ownership lookup waits to be taken into a statement (and as long again for that statement
     * to finish) before its upgrade is refused with 503.
     */
    private static final Duration OWNERSHIP_LOOKUP_TIMEOUT = Duration.ofSeconds(3);
    /** Past this without a successful poll, token checks ask the database again (and fail while it is down). */
    private static final Duration REVOCATION_MAX_STALENESS = Duration.ofSeconds(2);
    /** The per-socket message rate when {@code RATE_LIMIT_ENABLED=false} (every rate limit off). */
    private static final int UNLIMITED_MESSAGE_RATE = 1_000_000_000;

    private final HubConfig config;
    private final Clock clock;
    private final SecureRandom random;
    private final String version = HubVersion.current();
    private final String instanceId;

    private EmbeddedPostgresServer embeddedPostgres;
    /** Whether {@link #stop()} is sure to run at JVM exit (the caller's shutdown hook), stopping the database last. */
    private volatile boolean stoppedAtJvmExit;
    private PostgresDatabase database;
    private PrometheusHubMetrics metrics;
    private ScheduledExecutorService housekeeping;
    private JdbiRevocationStore revocations;
    private HubHttpServer http;
    private JavalinSignalingSocket signalingSocket;
    private PostgresInstanceBus instanceBus;
    private BatchedNodeOwnership connectOwnership;
    private InstanceBusSettings instanceBusSettings = InstanceBusSettings.defaults();
    private int port;

    public Hub(HubConfig config) {
        this(config, Clock.systemUTC(), new SecureRandom());
    }

    Hub(HubConfig config, Clock clock, SecureRandom random) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        byte[] id = new byte[6];
        random.nextBytes(id);
        this.instanceId = HexFormat.of().formatHex(id);
    }

    /** Starts the database, the services and the HTTP server on {@code requestedPort} (0: any free port). */
    public synchronized int start(int requestedPort) {
        if (http != null) {
            throw new IllegalStateException("the hub is already running");
        }
        long started = System.nanoTime();
        try {
            int boundPort = requestedPort == 0 ? freePort() : requestedPort;
            URI publicUrl = config.publicUrlFor(boundPort);
            database = PostgresDatabase.open(databaseUrl(), DATABASE_POOL_SIZE);
            metrics = new PrometheusHubMetrics(version);
            database.instrumentPool(metrics.registry());
            String secretKey = config.secretKey().orElseGet(() -> SecretKeyFile.readOrCreate(config.dataDir(),
                    random));
            Adapters adapters = adapters();
            TokenAuthority tokens = tokenAuthority(adapters, secretKey);
            AuthenticateService authenticate = new AuthenticateService(tokens);
            BearerAuthentication bearer = new BearerAuthentication(authenticate);
            Signaling signaling = signaling(adapters, authenticate, bearer, secretKey);
            signalingSocket = signaling.socket();
            List<HttpRoutes> routes = new ArrayList<>();
            if (config.rateLimitEnabled()) {
                routes.add(new RateLimiting(bearer, new ClientAddresses(config.trustedProxies()), clock,
                        new JdbiRateWindowCounter(database.jdbi(), clock)));
            }
            routes.add(healthRoutes(adapters, signaling.socket(), signaling.bus()));
            OAuthIdentityProviders providers = OAuthIdentityProviders.fromSettings(config.oauthSettings(), clock);
            routes.addAll(operationsRoutes(bearer, signaling.socket(), providers));
            routes.addAll(accountRoutes(adapters, tokens, bearer, signaling.closer(), providers, publicUrl));
            routes.add(nodeRoutes(adapters, bearer, signaling.closer()));
            routes.add(profileRoutes(adapters, tokens, bearer, signaling.closer(), signaling.bus()));
            routes.add(signaling.socket());
            routes.add(signaling.presenceRoutes());
            http = new HubHttpServer(new HttpSettings(config.host(), "https".equalsIgnoreCase(publicUrl.getScheme()),
                    HttpSettings.DEFAULT_MAX_REQUEST_BYTES, config.allowedOrigins()), routes);
            port = http.start(boundPort);
            startHousekeeping(adapters);
            log.info("D-PC Federation Hub {} (instance {}) ready on {}:{} in {} ms, public URL {}", version,
                    instanceId, config.host(), port, (System.nanoTime() - started) / 1_000_000, publicUrl);
            return port;
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    /**
     * Says that the caller stops this hub from a JVM shutdown hook, so the embedded PostgreSQL (started after this)
     * is left to {@link #stop()}, which stops it last, rather than stopped by a hook of its own at the same moment.
     */
    public void stoppedAtJvmExit() {
        stoppedAtJvmExit = true;
    }

    /**
     * Stops accepting sockets and closes the open ones (1001), stops accepting requests and finishes those in
     * flight, closes the pool and stops the embedded database.
     */
    public synchronized void stop() {
        if (signalingSocket != null) {
            signalingSocket.shutdown();
            signalingSocket = null;
        }
        if (http != null) {
            http.stop();
            http = null;
        }
        if (instanceBus != null) {
            instanceBus.close(); // leaves the directory clean: this instance's nodes go offline everywhere
            instanceBus = null;
        }
        if (connectOwnership != null) {
            connectOwnership.close();
            connectOwnership = null;
        }
        if (housekeeping != null) {
            housekeeping.shutdownNow();
            housekeeping = null;
        }
        if (revocations != null) {
            revocations.close();
            revocations = null;
        }
        if (database != null) {
            database.close();
            database = null;
        }
        if (metrics != null) {
            metrics.close();
            metrics = null;
        }
        if (embeddedPostgres != null) {
            embeddedPostgres.close();
            embeddedPostgres = null;
        }
    }

    /**
     * Stops like a crashed process would as far as the other instances can tell: no goodbye on the instance bus, no
     * heartbeat any more, sockets cut; the others must sweep its nodes. For failure tests.
     */
    synchronized void crash() {
        if (instanceBus != null) {
            instanceBus.abandon();
            instanceBus = null;
        }
        stop();
    }

    /** Timing of the instance bus; tests shorten it. Call before {@link #start(int)}. */
    synchronized void instanceBusSettings(InstanceBusSettings settings) {
        this.instanceBusSettings = Objects.requireNonNull(settings, "settings");
    }

    public synchronized int port() {
        return port;
    }

    /** The embedded database server, when the hub runs one (for tests that stop and restart it). */
    synchronized EmbeddedPostgresServer embeddedPostgres() {
        return embeddedPostgres;
    }

    /** Connection settings of the database in use. */
    synchronized DatabaseUrl databaseUrlInUse() {
        return config.databaseUrl().orElseGet(() -> embeddedPostgres.databaseUrl());
    }

    /** {@code METHOD /path} of every endpoint the running hub serves (for the API documentation check). */
    synchronized List<String> endpoints() {
        return http.endpoints();
    }

    /** The driven adapters every area shares. */
    private record Adapters(UserRepository users, RevocationStore revocations, LoginAttemptStore loginAttempts,
            HubCodeStore hubCodes, NodeIdentityRepository nodes, NodeChallengeStore nodeChallenges,
            ProfileRepository profiles, SocketTicketBook socketTickets) {
    }

    private Adapters adapters() {
        var jdbi = database.jdbi();
        revocations = new JdbiRevocationStore(jdbi, clock);
        revocations.startMirror(REVOCATION_POLL_INTERVAL, REVOCATION_MAX_STALENESS);
        return new Adapters(new JdbiUserRepository(jdbi), revocations,
                new JdbiLoginAttemptStore(jdbi), new JdbiHubCodeStore(jdbi), new JdbiNodeIdentityRepository(jdbi),
                new JdbiNodeChallengeStore(jdbi), new JdbiProfileRepository(jdbi), new JdbiSocketTicketBook(jdbi));
    }

    private TokenAuthority tokenAuthority(Adapters adapters, String secretKey) {
        String issuer = config.publicUrl().map(URI::toString).orElse("dpc-hub");
        return new TokenAuthority(new NimbusTokenCodec(config.algorithm(), secretKey), adapters.revocations(),
                adapters.users(), clock, random,
                new TokenAuthority.TokenSettings(issuer, config.accessTokenLifetime(), config.refreshTokenLifetime()));
    }

    private List<HttpRoutes> accountRoutes(Adapters adapters, TokenAuthority tokens, BearerAuthentication bearer,
            SessionCloser sessions, OAuthIdentityProviders providers, URI publicUrl) {
        RandomValues randomValues = new RandomValues(random);
        RefreshAccessTokenService refresh = new RefreshAccessTokenService(tokens);
        AccountRoutes accountRoutes = new AccountRoutes(
                new StartLoginService(providers::require, adapters.loginAttempts(),
                        new ClientRedirectPolicy(config.clientRedirectUrl(), config.clientRedirectAllowlist()),
                        randomValues, clock, publicUrl),
                new CompleteLoginService(providers::require, adapters.loginAttempts(), adapters.hubCodes(),
                        adapters.users(), tokens, randomValues, clock, publicUrl),
                refresh,
                new LogoutService(tokens, sessions, adapters.nodes()),
                new GetAccountService(adapters.users(), adapters.nodes(), adapters.profiles()),
                bearer);
        TokenEndpointRoutes tokenEndpoint = new TokenEndpointRoutes(refresh,
                new ExchangeHubCodeService(adapters.hubCodes(), adapters.users(), tokens, clock));
        return List.of(accountRoutes, tokenEndpoint);
    }

    /**
     * The signaling area: the use cases, the socket endpoint, the presence routes, the closer that reaches every
     * instance and the instance bus.
     */
    private record Signaling(SignalingService service, JavalinSignalingSocket socket, PresenceRoutes presenceRoutes,
            SessionCloser closer, PostgresInstanceBus bus) {
    }

    private Signaling signaling(Adapters adapters, AuthenticateService authenticate, BearerAuthentication bearer,
            String secretKey) {
        SessionTable<SignalEndpoint> sessions = new SessionTable<>();
        PresenceSubscriptions<SignalEndpoint> watchers = new PresenceSubscriptions<>();
        // Always a cluster (of one, when alone): signals and presence cross instances over the database.
        instanceBus = new PostgresInstanceBus(database, instanceId, instanceBusSettings,
                new InProcessSignalDelivery(sessions), random);
        // The connect path's ownership lookups share statements when sockets connect at once (ADR 0007).
        connectOwnership = new BatchedNodeOwnership(database.dataSource(), OWNERSHIP_LOOKUP_TIMEOUT);
        SignalingService signaling = new SignalingService(sessions, watchers, instanceBus, instanceBus,
                connectOwnership, new TemporaryNodeIds(temporaryIdKey(secretKey)), clock);
        SessionCloser closer = new PostgresSessionCloser(signaling, instanceBus);
        instanceBus.start(new PostgresInstanceBus.Receivers(signaling, signaling, closerAfterRevocations(signaling)),
                Duration.ofSeconds(5));
        PresenceService presence = new PresenceService(watchers, instanceBus);
        SignalingSettings settings = SignalingSettings.defaults(version, Set.copyOf(config.allowedOrigins()))
                .withMaxConnections(config.wsMaxConnections());
        if (!config.rateLimitEnabled()) {
            settings = settings.withMessageRate(UNLIMITED_MESSAGE_RATE, UNLIMITED_MESSAGE_RATE);
        }
        // Tickets from POST /ws/ticket work on every instance: sealed under a key from the shared secret, redeemed once.
        SocketTickets tickets = new SocketTickets(settings.ticketTtl(), derivedKey("socket tickets", secretKey),
                adapters.socketTickets(), clock, random);
        JavalinSignalingSocket socket = new JavalinSignalingSocket(settings,
                new SignalingUseCases(authenticate, signaling, signaling, signaling,
                        new MeteredRouteSignal(signaling, metrics), presence, presence),
                clock, metrics, tickets);
        return new Signaling(signaling, socket, new PresenceRoutes(presence, bearer), closer, instanceBus);
    }

    /**
     * Closes sockets another instance asks to close, after reading that instance's revocations into this one's
     * mirror: the revocation was committed before the request was sent, so a client that reconnects at once with
     * the revoked token is refused here instead of slipping in before the next poll.
     */
    private SessionCloser closerAfterRevocations(SessionCloser closer) {
        return new SessionCloser() {
            @Override
            public int closeUser(UserId user, SocketClose reason) {
                revocations.catchUp();
                return closer.closeUser(user, reason);
            }

            @Override
            public int closeNode(NodeId node, SocketClose reason) {
                return closer.closeNode(node, reason);
            }
        };
    }

    /** A key for the stable temporary node ids, derived from the secret so every instance agrees on it. */
    private static byte[] temporaryIdKey(String secretKey) {
        return derivedKey("temporary node ids", secretKey);
    }

    /** A 32-byte key for {@code purpose}, derived from the secret so every instance agrees on it. */
    private static byte[] derivedKey(String purpose, String secretKey) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(("dpc-hub " + purpose + "\n" + secretKey)
                    .getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private HttpRoutes nodeRoutes(Adapters adapters, BearerAuthentication bearer, SessionCloser sessions) {
        return new NodeRoutes(bearer,
                new RegisterNodeService(adapters.nodes(), adapters.nodeChallenges(), sessions,
                        NodeIdentityPolicy.standard(), new NodeSetPolicy(config.maxNodesPerUser()),
                        config.nodeProofRequired() ? ProofRequirement.REQUIRED : ProofRequirement.OPTIONAL, clock),
                new IssueNodeChallengeService(adapters.nodeChallenges(), random, clock),
                new ListNodesService(adapters.nodes()),
                new DeleteNodeService(adapters.nodes(), sessions));
    }

    private HttpRoutes profileRoutes(Adapters adapters, TokenAuthority tokens, BearerAuthentication bearer,
            SessionCloser sessions, PresenceLookup presence) {
        return new ProfileRoutes(bearer,
                new UpdateProfileService(adapters.profiles(), adapters.nodes(), clock),
                new GetProfileService(adapters.profiles(), adapters.nodes()),
                new DeleteAccountService(tokens, adapters.users(), adapters.nodes(), adapters.profiles(), sessions),
                new SearchProfilesService(adapters.profiles(), presence));
    }

    /** Metrics, TURN credentials, the hub's self-description and the API documentation. */
    private List<HttpRoutes> operationsRoutes(BearerAuthentication bearer, JavalinSignalingSocket socket,
            OAuthIdentityProviders providers) {
        metrics.gaugeSockets(socket);
        IssueTurnCredentialsService turn = new IssueTurnCredentialsService(
                config.turnSecret().map(HmacTurnCredentialSigner::new), config.turnUris(), config.turnTtl(), clock);
        HubDescription description = new HubDescription(version,
                providers.configured().keySet().stream().sorted().toList(),
                socket.settings(), config.maxNodesPerUser(), HttpSettings.DEFAULT_MAX_REQUEST_BYTES,
                config.accessTokenLifetime(), config.refreshTokenLifetime(), config.nodeProofRequired(),
                turn.configured(), config.rateLimitEnabled());
        return List.of(new MetricsRoutes(metrics, config.metricsAllowedIps(),
                        new ClientAddresses(config.trustedProxies())),
                new TurnRoutes(turn, bearer), new WellKnownRoutes(description),
                new ApiDocsRoutes(version));
    }

    private HttpRoutes healthRoutes(Adapters adapters, ConnectionGauge connections, InstanceBusProbe bus) {
        HealthService health = new HealthService(version, instanceId, clock, database, bus, connections,
                adapters.revocations());
        return new HealthRoutes(health, version);
    }

    private void startHousekeeping(Adapters adapters) {
        PurgeExpiredService purge = new PurgeExpiredService(adapters.revocations(), adapters.loginAttempts(),
                adapters.hubCodes(), adapters.socketTickets(), clock);
        housekeeping = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("housekeeping")
                .daemon(true).factory());
        housekeeping.scheduleWithFixedDelay(() -> {
            try {
                int purged = purge.purgeExpired();
                log.debug("housekeeping purged {} expired records", purged);
            } catch (RuntimeException e) {
                log.warn("housekeeping failed: {}", e.getMessage());
            }
        }, HOUSEKEEPING_PERIOD_SECONDS, HOUSEKEEPING_PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    private DatabaseUrl databaseUrl() {
        if (config.databaseUrl().isPresent()) {
            return config.databaseUrl().get();
        }
        embeddedPostgres = EmbeddedPostgresServer.start(config.dataDir().resolve("postgres"), true, !stoppedAtJvmExit);
        return embeddedPostgres.databaseUrl();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
