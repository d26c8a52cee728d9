package network.dpc.hub.adapter.persistence;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import network.dpc.hub.application.port.out.RevocationStore;
import org.jdbi.v3.core.Jdbi;

/**
 * Keeps token revocations in PostgreSQL's {@code token_revocations}, shared by every hub instance, with a bounded
 * in-memory cache of the revocations this instance has seen. Only positive answers are cached (a revocation never
 * ends before the token's expiry), so a token revoked on another instance is refused here at once.
 */
public final class JdbiRevocationStore implements RevocationStore {

    /** Cache size used by the two-argument constructor. */
    public static final int DEFAULT_CACHE_CAPACITY = 10_000;

    private final Jdbi jdbi;
    private final Clock clock;
    private final int cacheCapacity;
    private final Map<String, Instant> revokedUntil = new ConcurrentHashMap<>();
    private final Object cacheWrites = new Object();

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

    @Override
    public void revoke(String tokenId, Instant tokenExpiresAt) {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(tokenExpiresAt, "tokenExpiresAt");
        jdbi.useExtension(RevocationDao.class, dao -> dao.revoke(tokenId, tokenExpiresAt));
        remember(tokenId, tokenExpiresAt);
    }

    @Override
    public boolean isRevoked(String tokenId) {
        Objects.requireNonNull(tokenId, "tokenId");
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
        int purged = jdbi.withExtension(RevocationDao.class, dao -> dao.purgeExpired(now));
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
