package network.dpc.hub.domain.token;

import java.time.Instant;
import java.util.Objects;
import network.dpc.hub.domain.user.UserId;

/**
 * The claims of a hub JWT. Times have whole-second precision, as in the JWT itself, and a token always expires
 * after it was issued.
 *
 * @param tokenId the {@code jti}, unique per token, the key of its revocation
 */
public record TokenClaims(UserId subject, TokenType type, String tokenId, Instant issuedAt, Instant expiresAt,
        String issuer) {

    public TokenClaims {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(issuer, "issuer");
        if (tokenId.isBlank() || tokenId.length() > 64) {
            throw new IllegalArgumentException("token id must be 1-64 characters");
        }
        if (issuedAt.getNano() != 0 || expiresAt.getNano() != 0) {
            throw new IllegalArgumentException("token times have whole-second precision");
        }
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("a token must expire after it was issued");
        }
    }

    /** Whether the token is past its expiry at {@code now}. */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
