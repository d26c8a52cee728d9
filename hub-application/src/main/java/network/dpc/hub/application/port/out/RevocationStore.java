package network.dpc.hub.application.port.out;

import java.time.Instant;
import network.dpc.hub.domain.user.UserId;

/**
 * Remembers revoked token ids and per-user cut-offs until the tokens they kill would have expired anyway; shared by
 * every hub instance.
 */
public interface RevocationStore extends RevocationGauge {

    /** Revokes the token; revoking twice is harmless. */
    void revoke(String tokenId, Instant tokenExpiresAt);

    /**
     * Kills every token of {@code user} issued before {@code tokensIssuedBefore} (logout everywhere, deleted
     * account), remembered until {@code forgetAfter}. A cut-off never moves back: the later of two holds.
     */
    void cutOff(UserId user, Instant tokensIssuedBefore, Instant forgetAfter);

    boolean isRevoked(String tokenId);

    /** Whether the token is revoked by its id or cut off for its user at its issue time. */
    boolean isRevoked(String tokenId, UserId subject, Instant issuedAt);

    /** Forgets revocations and cut-offs no longer needed at {@code now}; returns how many were forgotten. */
    int purgeExpired(Instant now);
}
