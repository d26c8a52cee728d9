package network.dpc.hub.application.port.out;

import java.time.Instant;

/** Remembers revoked token ids until the tokens would have expired anyway; shared by every hub instance. */
public interface RevocationStore extends RevocationGauge {

    /** Revokes the token; revoking twice is harmless. */
    void revoke(String tokenId, Instant tokenExpiresAt);

    boolean isRevoked(String tokenId);

    /** Forgets revocations of tokens expired at {@code now}; returns how many were forgotten. */
    int purgeExpired(Instant now);
}
