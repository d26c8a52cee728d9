package network.dpc.hub.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
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
import network.dpc.hub.adapter.http.node.NodeRoutes;
import network.dpc.hub.adapter.http.profile.ProfileRoutes;
import network.dpc.hub.adapter.http.ratelimit.ClientAddresses;
import network.dpc.hub.adapter.http.ratelimit.RateLimiting;
import network.dpc.hub.adapter.oauth.OAuthIdentityProviders;
import network.dpc.hub.adapter.oauth.jwt.NimbusTokenCodec;
import network.dpc.hub.adapter.persistence.DatabaseUrl;
import network.dpc.hub.adapter.persistence.EmbeddedPostgresServer;
import network.dpc.hub.adapter.persistence.JdbiHubCodeStore;
import network.dpc.hub.adapter.persistence.JdbiLoginAttemptStore;
import network.dpc.hub.adapter.persistence.JdbiNodeChallengeStore;
import network.dpc.hub.adapter.persistence.JdbiNodeIdentityRepository;
import network.dpc.hub.adapter.persistence.JdbiProfileRepository;
import network.dpc.hub.adapter.persistence.JdbiRevocationStore;
import network.dpc.hub.adapter.persistence.JdbiUserRepository;
import network.dpc.hub.adapter.persistence.PostgresDatabase;
import network.dpc.hub.application.auth.RandomValues;
import network.dpc.hub.application.auth.TokenAuthority;
import network.dpc.hub.application.port.out.HubCodeStore;
import network.dpc.hub.application.port.out.LoginAttemptStore;
import network.dpc.hub.application.port.out.NodeChallengeStore;
import network.dpc.hub.application.port.out.NodeIdentityRepository;
import network.dpc.hub.application.port.out.NodeSessionCloser;
import network.dpc.hub.application.port.out.PresenceLookup;
import network.dpc.hub.application.port.out.ProfileRepository;
import network.dpc.hub.application.port.out.RevocationStore;
import network.dpc.hub.application.port.out.SessionCloser;
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
import network.dpc.hub.application.service.ListNodesService;
import network.dpc.hub.application.service.LogoutService;
import network.dpc.hub.application.service.PurgeExpiredService;
import network.dpc.hub.application.service.RefreshAccessTokenService;
import network.dpc.hub.application.service.RegisterNodeService;
import network.dpc.hub.application.service.SearchProfilesService;
import network.dpc.hub.application.service.StartLoginService;
import network.dpc.hub.application.service.UpdateProfileService;
import network.dpc.hub.domain.login.ClientRedirectPolicy;
import network.dpc.hub.domain.node.NodeIdentityPolicy;
import network.dpc.hub.domain.node.NodeSetPolicy;
import network.dpc.hub.domain.node.ProofRequirement;
import network.dpc.hub.domain.signaling.SocketClose;
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

    private final HubConfig config;
    private final Clock clock;
    private final SecureRandom random;
    private final String version = HubVersion.current();
    private final String instanceId;

    private EmbeddedPostgresServer embeddedPostgres;
    private PostgresDatabase database;
    private ScheduledExecutorService housekeeping;
    private HubHttpServer http;
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
            Adapters adapters = adapters();
            Accounts accounts = accounts(adapters, publicUrl);
            List<HttpRoutes> routes = new ArrayList<>();
            if (config.rateLimitEnabled()) {
                routes.add(new RateLimiting(accounts.bearer(), new ClientAddresses(config.trustedProxies()), clock));
            }
            routes.add(healthRoutes(adapters));
            routes.addAll(accounts.routes());
            routes.add(nodeRoutes(adapters, accounts.bearer()));
            routes.add(profileRoutes(adapters, accounts.bearer()));
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

    /** Stops accepting requests, finishes those in flight, closes the pool and stops the embedded database. */
    public synchronized void stop() {
        if (http != null) {
            http.stop();
            http = null;
        }
        if (housekeeping != null) {
            housekeeping.shutdownNow();
            housekeeping = null;
        }
        if (database != null) {
            database.close();
            database = null;
        }
        if (embeddedPostgres != null) {
            embeddedPostgres.close();
            embeddedPostgres = null;
        }
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

    /** The driven adapters every area shares. */
    private record Adapters(UserRepository users, RevocationStore revocations, LoginAttemptStore loginAttempts,
            HubCodeStore hubCodes, NodeIdentityRepository nodes, NodeChallengeStore nodeChallenges,
            ProfileRepository profiles, SessionCloser sessions, PresenceLookup presence) {
    }

    private Adapters adapters() {
        var jdbi = database.jdbi();
        return new Adapters(new JdbiUserRepository(jdbi), new JdbiRevocationStore(jdbi, clock),
                new JdbiLoginAttemptStore(jdbi), new JdbiHubCodeStore(jdbi), new JdbiNodeIdentityRepository(jdbi),
                new JdbiNodeChallengeStore(jdbi), new JdbiProfileRepository(jdbi), PendingSignaling.SESSIONS,
                PendingSignaling.PRESENCE);
    }

    /** What the accounts area hands to the others: who the caller is, and its routes. */
    private record Accounts(BearerAuthentication bearer, List<HttpRoutes> routes) {
    }

    private Accounts accounts(Adapters adapters, URI publicUrl) {
        String secretKey = config.secretKey().orElseGet(() -> SecretKeyFile.readOrCreate(config.dataDir(), random));
        String issuer = config.publicUrl().map(URI::toString).orElse("dpc-hub");
        TokenAuthority tokens = new TokenAuthority(new NimbusTokenCodec(config.algorithm(), secretKey),
                adapters.revocations(), adapters.users(), clock, random,
                new TokenAuthority.TokenSettings(issuer, config.accessTokenLifetime(), config.refreshTokenLifetime()));
        OAuthIdentityProviders providers = OAuthIdentityProviders.fromSettings(config.oauthSettings(), clock);
        RandomValues randomValues = new RandomValues(random);
        BearerAuthentication bearer = new BearerAuthentication(new AuthenticateService(tokens));
        RefreshAccessTokenService refresh = new RefreshAccessTokenService(tokens);
        AccountRoutes accountRoutes = new AccountRoutes(
                new StartLoginService(providers::require, adapters.loginAttempts(),
                        new ClientRedirectPolicy(config.clientRedirectUrl(), config.clientRedirectAllowlist()),
                        randomValues, clock, publicUrl),
                new CompleteLoginService(providers::require, adapters.loginAttempts(), adapters.hubCodes(),
                        adapters.users(), tokens, randomValues, clock, publicUrl),
                refresh,
                new LogoutService(tokens, adapters.sessions(), adapters.nodes()),
                new GetAccountService(adapters.users(), adapters.nodes(), adapters.profiles()),
                bearer);
        TokenEndpointRoutes tokenEndpoint = new TokenEndpointRoutes(refresh,
                new ExchangeHubCodeService(adapters.hubCodes(), adapters.users(), tokens, clock));
        return new Accounts(bearer, List.of(accountRoutes, tokenEndpoint));
    }

    private HttpRoutes nodeRoutes(Adapters adapters, BearerAuthentication bearer) {
        NodeSessionCloser closer = (nodeId, reason) -> adapters.sessions().closeNode(nodeId, SocketClose.REVOKED);
        return new NodeRoutes(bearer,
                new RegisterNodeService(adapters.nodes(), adapters.nodeChallenges(), closer,
                        NodeIdentityPolicy.standard(), new NodeSetPolicy(config.maxNodesPerUser()),
                        config.nodeProofRequired() ? ProofRequirement.REQUIRED : ProofRequirement.OPTIONAL, clock),
                new IssueNodeChallengeService(adapters.nodeChallenges(), random, clock),
                new ListNodesService(adapters.nodes()),
                new DeleteNodeService(adapters.nodes(), closer));
    }

    private HttpRoutes profileRoutes(Adapters adapters, BearerAuthentication bearer) {
        return new ProfileRoutes(bearer,
                new UpdateProfileService(adapters.profiles(), adapters.nodes(), clock),
                new GetProfileService(adapters.profiles(), adapters.nodes()),
                new DeleteAccountService(adapters.users(), adapters.nodes(), adapters.profiles(), adapters.sessions()),
                new SearchProfilesService(adapters.profiles(), adapters.presence()));
    }

    private HttpRoutes healthRoutes(Adapters adapters) {
        HealthService health = new HealthService(version, instanceId, clock, database, () -> 0,
                adapters.revocations());
        return new HealthRoutes(health, version);
    }

    private void startHousekeeping(Adapters adapters) {
        PurgeExpiredService purge = new PurgeExpiredService(adapters.revocations(), adapters.loginAttempts(),
                adapters.hubCodes(), clock);
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
        embeddedPostgres = EmbeddedPostgresServer.start(config.dataDir().resolve("postgres"), true);
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
