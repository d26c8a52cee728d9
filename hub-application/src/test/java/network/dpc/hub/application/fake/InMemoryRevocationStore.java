package network.dpc.hub.application.fake;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import network.dpc.hub.application.port.out.RevocationStore;
import network.dpc.hub.domain.user.UserId;

/** Keeps revoked token ids and user cut-offs in maps, for fast use-case tests; passes the same contract as the PostgreSQL adapter. */
public final class InMemoryRevocationStore implements RevocationStore {

    private final Map<String, Instant> revokedUntil = new ConcurrentHashMap<>();
    private final Map<UserId, CutOff> cutOffs = new ConcurrentHashMap<>();
    private final Clock clock;

    private record CutOff(Instant issuedBefore, Instant forgetAfter) {

        CutOff laterOf(CutOff other) {
            return new CutOff(issuedBefore.isAfter(other.issuedBefore) ? issuedBefore : other.issuedBefore,
                    forgetAfter.isAfter(other.forgetAfter) ? forgetAfter : other.forgetAfter);
        }
    }

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
    public void cutOff(UserId user, Instant tokensIssuedBefore, Instant forgetAfter) {
        cutOffs.merge(Objects.requireNonNull(user, "user"), new CutOff(tokensIssuedBefore, forgetAfter),
                CutOff::laterOf);
    }

    @Override
    public boolean isRevoked(String tokenId) {
        return revokedUntil.containsKey(Objects.requireNonNull(tokenId, "tokenId"));
    }

    @Override
    public boolean isRevoked(String tokenId, UserId subject, Instant issuedAt) {
        CutOff cutOff = cutOffs.get(Objects.requireNonNull(subject, "subject"));
        return isRevoked(tokenId) || (cutOff != null && issuedAt.isBefore(cutOff.issuedBefore()));
    }

    @Override
    public int purgeExpired(Instant now) {
        return Expiry.removeExpired(revokedUntil, expiry -> !now.isBefore(expiry))
                + Expiry.removeExpired(cutOffs, cutOff -> !now.isBefore(cutOff.forgetAfter()));
    }

    @Override
    public long liveRevocations() {
        Instant now = clock.instant();
        return revokedUntil.values().stream().filter(expiry -> expiry.isAfter(now)).count();
    }
}
