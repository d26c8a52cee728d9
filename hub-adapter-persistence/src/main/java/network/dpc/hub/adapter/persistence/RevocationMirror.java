package network.dpc.hub.adapter.persistence;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This instance's complete copy of the live token revocations and user cut-offs, so that a token check needs no
 * database round trip. It only answers while fresh: filled once, then kept current by polling (plus this
 * instance's own writes at once); an answer from a copy that has not been synchronised for longer than the allowed
 * staleness would be a guess, so callers ask the database instead.
 */
final class RevocationMirror {

    private final Map<String, Instant> revokedUntil = new ConcurrentHashMap<>();
    private final Map<UUID, CutOff> cutOffs = new ConcurrentHashMap<>();
    private final long maxStalenessNanos;
    private final int capacity;
    private volatile boolean filled;
    private volatile long syncedAtNanos;

    /** Every token of the user issued before {@code issuedBefore} is dead; the row is kept until forgetAfter. */
    record CutOff(Instant issuedBefore, Instant forgetAfter) {

        CutOff laterOf(CutOff other) {
            return new CutOff(later(issuedBefore, other.issuedBefore), later(forgetAfter, other.forgetAfter));
        }

        private static Instant later(Instant a, Instant b) {
            return a.isAfter(b) ? a : b;
        }
    }

    RevocationMirror(long maxStalenessNanos, int capacity) {
        if (maxStalenessNanos <= 0 || capacity < 1) {
            throw new IllegalArgumentException("the mirror needs a positive staleness bound and capacity");
        }
        this.maxStalenessNanos = maxStalenessNanos;
        this.capacity = capacity;
    }

    /** Whether the copy is complete and was synchronised recently enough to answer. */
    boolean isFresh(long nowNanos) {
        return filled && nowNanos - syncedAtNanos <= maxStalenessNanos;
    }

    /**
     * Takes rows read from the database; with {@code complete}, the copy is whole from now on. Returns false (and
     * stops answering) when the copy would outgrow its capacity.
     */
    boolean apply(Map<String, Instant> revocations, Map<UUID, CutOff> userCutOffs, boolean complete,
            long syncStartedNanos) {
        revocations.forEach(this::revoked);
        userCutOffs.forEach(this::cutOff);
        if (revokedUntil.size() + cutOffs.size() > capacity) {
            filled = false;
            revokedUntil.clear();
            cutOffs.clear();
            return false;
        }
        if (complete) {
            filled = true;
        }
        syncedAtNanos = syncStartedNanos;
        return true;
    }

    void revoked(String tokenId, Instant expiresAt) {
        revokedUntil.merge(tokenId, expiresAt, (old, given) -> old.isAfter(given) ? old : given);
    }

    void cutOff(UUID user, CutOff cutOff) {
        cutOffs.merge(user, cutOff, CutOff::laterOf);
    }

    boolean isRevoked(String tokenId) {
        return revokedUntil.containsKey(Objects.requireNonNull(tokenId, "tokenId"));
    }

    boolean isCutOff(UUID user, Instant issuedAt) {
        CutOff cutOff = cutOffs.get(user);
        return cutOff != null && issuedAt.isBefore(cutOff.issuedBefore());
    }

    /** Forgets what the database forgets at {@code now}. */
    void purge(Instant now) {
        revokedUntil.values().removeIf(expiry -> !expiry.isAfter(now));
        cutOffs.values().removeIf(cutOff -> !cutOff.forgetAfter().isAfter(now));
    }

    int size() {
        return revokedUntil.size() + cutOffs.size();
    }
}
