package network.dpc.hub.adapter.persistence;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import network.dpc.hub.application.port.out.RevocationStore;
import network.dpc.hub.domain.user.UserId;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps token revocations and user cut-offs in PostgreSQL ({@code token_revocations}, {@code token_cutoffs}),
 * shared by every hub instance. Once {@link #startMirror started}, it also keeps a complete in-memory mirror of both,
 * filled at start and polled for rows written since the last look, so a token check costs no database round trip:
 * this instance's own revocations count at once, other instances' within one poll interval. While the mirror is
 * stale (the database unreachable for longer than the allowed staleness) or before it is started, every answer comes
 * from the database, helped by a bounded cache of positive answers (a revocation never ends before the token's
 * expiry).
 */
public final class JdbiRevocationStore implements RevocationStore, AutoCloseable {

    /** Cache size used by the two-argument constructor. */
    public static final int DEFAULT_CACHE_CAPACITY = 10_000;
    /** At most this many revocations and cut-offs are mirrored; beyond it every check asks the database. */
    public static final int MIRROR_CAPACITY = 2_000_000;
    /**
     * Each poll re-reads the rows recorded this long before the previous poll began, so that a write committed a
     * little after its {@code recorded_at} (the row's time is taken inside its transaction) is not missed.
     */
    static final Duration POLL_OVERLAP = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(JdbiRevocationStore.class);

    private final Jdbi jdbi;
    private final Clock clock;
    private final int cacheCapacity;
    private final Map<String, Instant> revokedUntil = new ConcurrentHashMap<>();
    private final Object cacheWrites = new Object();
    private volatile RevocationMirror mirror;
    private ScheduledExecutorService poller;
    private Instant pollFrom;

    public JdbiRevocationStore(Jdbi jdbi, Clock clock) {
        this(jdbi, clock, DEFAULT_CACHE_CAPACITY);
    }

    public JdbiRevocationStore(Jdbi jdbi, Clock clock, int cacheCapacity) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (cacheCapacity < 1) {
            throw new IllegalArgumentException("the revocation cache needs room for at least one entry");
        }
        this.cacheCapacity = cacheCapacity;
    }

    /**
     * Fills the mirror now (or as soon as the database answers) and keeps it current every {@code pollInterval};
     * the mirror answers only while its last synchronisation is at most {@code maxStaleness} old.
     */
    public synchronized void startMirror(Duration pollInterval, Duration maxStaleness) {
        if (poller != null) {
            throw new IllegalStateException("the revocation mirror is already running");
        }
        if (pollInterval.isNegative() || pollInterval.isZero() || maxStaleness.compareTo(pollInterval) < 0) {
            throw new IllegalArgumentException("the staleness bound must be at least one poll interval");
        }
        mirror = new RevocationMirror(maxStaleness.toNanos(), MIRROR_CAPACITY);
        poller = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("token-state-mirror").daemon(true).factory());
        try {
            synchronise();
        } catch (RuntimeException e) {
            log.warn("The token revocation mirror could not be filled yet ({}); checks ask the database",
                    e.getMessage());
        }
        poller.scheduleWithFixedDelay(this::synchroniseQuietly, pollInterval.toNanos(), pollInterval.toNanos(),
                TimeUnit.NANOSECONDS);
    }

    /** Stops polling; from then on every answer comes from the database. */
    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
        mirror = null;
    }

    /** Reads the rows written since the last look (all of them the first time) into the mirror. */
    synchronized void synchronise() {
        RevocationMirror target = mirror;
        if (target == null) {
            return;
        }
        long started = System.nanoTime();
        boolean complete = pollFrom == null;
        Map<String, Instant> revocations = new HashMap<>();
        Map<UUID, RevocationMirror.CutOff> cutOffs = new HashMap<>();
        Instant databaseNow = jdbi.withHandle(handle -> readSince(handle, pollFrom, revocations, cutOffs));
        if (!target.apply(revocations, cutOffs, complete, started)) {
            log.warn("More than {} revocations and cut-offs are live; token checks ask the database from now on",
                    MIRROR_CAPACITY);
            close();
            return;
        }
        pollFrom = databaseNow.minus(POLL_OVERLAP);
    }

    /**
     * Reads the rows written since the last look now, rather than at the next poll (when another instance says it
     * has just revoked something); a failure is left to the next poll.
     */
    public void catchUp() {
        synchroniseQuietly();
    }

    private void synchroniseQuietly() {
        try {
            synchronise();
        } catch (RuntimeException e) {
            log.debug("The token revocation mirror could not poll ({})", e.getMessage());
        }
    }

    /** The database's clock before reading, and the rows recorded since {@code from} (every row when null). */
    private static Instant readSince(Handle handle, Instant from, Map<String, Instant> revocations,
            Map<UUID, RevocationMirror.CutOff> cutOffs) {
        Instant now = handle.createQuery("SELECT clock_timestamp()").mapTo(Instant.class).one();
        Timestamp since = Timestamp.from(from == null ? Instant.EPOCH : from);
        handle.createQuery("SELECT jti, expires_at FROM token_revocations WHERE recorded_at >= :since")
                .bind("since", since)
                .map((rs, ctx) -> revocations.put(rs.getString(1), rs.getTimestamp(2).toInstant()))
                .forEach(ignored -> { });
        handle.createQuery("SELECT user_id, issued_before, forget_after FROM token_cutoffs WHERE recorded_at >= :since")
                .bind("since", since)
                .map((rs, ctx) -> cutOffs.put(rs.getObject(1, UUID.class), new RevocationMirror.CutOff(
                        rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant())))
                .forEach(ignored -> { });
        return now;
    }

    /** The mirror, when it may answer now. */
    private RevocationMirror freshMirror() {
        RevocationMirror current = mirror;
        return current != null && current.isFresh(System.nanoTime()) ? current : null;
    }

    @Override
    public void revoke(String tokenId, Instant tokenExpiresAt) {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(tokenExpiresAt, "tokenExpiresAt");
        jdbi.useExtension(RevocationDao.class, dao -> dao.revoke(tokenId, tokenExpiresAt));
        RevocationMirror current = mirror;
        if (current != null) {
            current.revoked(tokenId, tokenExpiresAt); // the mirror holds every revocation: no cache beside it
        } else {
            remember(tokenId, tokenExpiresAt);
        }
    }

    @Override
    public void cutOff(UserId user, Instant tokensIssuedBefore, Instant forgetAfter) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(tokensIssuedBefore, "tokensIssuedBefore");
        Objects.requireNonNull(forgetAfter, "forgetAfter");
        jdbi.useExtension(RevocationDao.class, dao -> dao.cutOff(user.value(), tokensIssuedBefore, forgetAfter));
        RevocationMirror current = mirror;
        if (current != null) {
            current.cutOff(user.value(), new RevocationMirror.CutOff(tokensIssuedBefore, forgetAfter));
        }
    }

    @Override
    public boolean isRevoked(String tokenId, UserId subject, Instant issuedAt) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(issuedAt, "issuedAt");
        RevocationMirror fresh = freshMirror();
        if (fresh != null) {
            return fresh.isRevoked(tokenId) || fresh.isCutOff(subject.value(), issuedAt);
        }
        return isRevoked(tokenId)
                || jdbi.withExtension(RevocationDao.class, dao -> dao.isCutOff(subject.value(), issuedAt));
    }

    @Override
    public boolean isRevoked(String tokenId) {
        Objects.requireNonNull(tokenId, "tokenId");
        RevocationMirror fresh = freshMirror();
        if (fresh != null) {
            return fresh.isRevoked(tokenId);
        }
        Instant cached = revokedUntil.get(tokenId);
        if (cached != null && cached.isAfter(clock.instant())) {
            return true;
        }
        Optional<Instant> stored = jdbi.withExtension(RevocationDao.class, dao -> dao.expiryOf(tokenId));
        stored.ifPresent(expiry -> remember(tokenId, expiry));
        return stored.isPresent();
    }

    @Override
    public int purgeExpired(Instant now) {
        int purged = jdbi.withExtension(RevocationDao.class, dao -> dao.purgeExpired(now) + dao.purgeCutOffs(now));
        RevocationMirror current = mirror;
        if (current != null) {
            current.purge(now);
        }
        synchronized (cacheWrites) {
            revokedUntil.values().removeIf(expiry -> !expiry.isAfter(now));
        }
        return purged;
    }

    @Override
    public long liveRevocations() {
        Instant now = clock.instant();
        return jdbi.withExtension(RevocationDao.class, dao -> dao.countLive(now));
    }

    /** How many revocations the cache holds now (for tests of its bound). */
    int cachedRevocations() {
        return revokedUntil.size();
    }

    private void remember(String tokenId, Instant expiresAt) {
        Instant now = clock.instant();
        if (!expiresAt.isAfter(now)) {
            return;
        }
        synchronized (cacheWrites) {
            if (!revokedUntil.containsKey(tokenId) && revokedUntil.size() >= cacheCapacity) {
                makeRoom(now);
            }
            revokedUntil.merge(tokenId, expiresAt, (old, given) -> old.isAfter(given) ? old : given);
        }
    }

    /** Drops the expired entries, or failing that the one that expires soonest (it is asked for least long). */
    private void makeRoom(Instant now) {
        revokedUntil.values().removeIf(expiry -> !expiry.isAfter(now));
        if (revokedUntil.size() >= cacheCapacity) {
            revokedUntil.entrySet().stream().min(Map.Entry.comparingByValue())
                    .ifPresent(soonest -> revokedUntil.remove(soonest.getKey(), soonest.getValue()));
        }
    }
}
