package network.dpc.hub.application.fake;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import network.dpc.hub.application.port.out.RevocationStore;

/** Keeps revoked token ids in a map, for fast use-case tests; passes the same contract as the PostgreSQL adapter. */
public final class InMemoryRevocationStore implements RevocationStore {

    private final Map<String, Instant> revokedUntil = new ConcurrentHashMap<>();
    private final Clock clock;

    public InMemoryRevocationStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void revoke(String tokenId, Instant tokenExpiresAt) {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(tokenExpiresAt, "tokenExpiresAt");
        revokedUntil.merge(tokenId, tokenExpiresAt, (old, given) -> old.isAfter(given) ? old : given);
    }

    @Override
    public boolean isRevoked(String tokenId) {
        return revokedUntil.containsKey(Objects.requireNonNull(tokenId, "tokenId"));
    }

    @Override
    public int purgeExpired(Instant now) {
        return Expiry.removeExpired(revokedUntil, expiry -> !now.isBefore(expiry));
    }

    @Override
    public long liveRevocations() {
        Instant now = clock.instant();
        return revokedUntil.values().stream().filter(expiry -> expiry.isAfter(now)).count();
    }
}
