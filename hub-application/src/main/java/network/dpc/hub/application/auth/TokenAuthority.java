package network.dpc.hub.application.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Objects;
import network.dpc.hub.application.port.out.RevocationStore;
import network.dpc.hub.application.port.out.TokenCodec;
import network.dpc.hub.application.port.out.UserRepository;
import network.dpc.hub.domain.token.TokenClaims;
import network.dpc.hub.domain.token.TokenRejectedException;
import network.dpc.hub.domain.token.TokenType;
import network.dpc.hub.domain.user.User;
import network.dpc.hub.domain.user.UserId;

/**
 * Issues the hub's tokens and decides whether a presented one is still good: signature and pinned algorithm (via
 * the codec), expiry, type, revocation and the user's cut-off (logout everywhere, deleted account). Those checks
 * need no user record; a refresh, which issues a new token, also needs the user to exist.
 */
public final class TokenAuthority {

    private final TokenCodec codec;
    private final RevocationStore revocations;
    private final UserRepository users;
    private final Clock clock;
    private final SecureRandom random;
    private final String issuer;
    private final Duration accessLifetime;
    private final Duration refreshLifetime;

    public TokenAuthority(TokenCodec codec, RevocationStore revocations, UserRepository users, Clock clock,
            SecureRandom random, TokenSettings settings) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.revocations = Objects.requireNonNull(revocations, "revocations");
        this.users = Objects.requireNonNull(users, "users");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.issuer = settings.issuer();
        this.accessLifetime = settings.accessLifetime();
        this.refreshLifetime = settings.refreshLifetime();
    }

    /** Lifetimes and issuer of the hub's tokens. */
    public record TokenSettings(String issuer, Duration accessLifetime, Duration refreshLifetime) {

        public TokenSettings {
            Objects.requireNonNull(issuer, "issuer");
            if (accessLifetime.toSeconds() < 60 || refreshLifetime.toSeconds() < 60) {
                throw new IllegalArgumentException("token lifetimes must be at least a minute");
            }
        }
    }

    public String issue(User user, TokenType type) {
        return codec.encode(claimsFor(user, type));
    }

    public Duration accessLifetime() {
        return accessLifetime;
    }

    /**
     * New claims for {@code user}. A token is never issued inside a second the user has cut off, so a login right
     * after a logout-everywhere is not caught by it (JWT times have whole-second precision).
     */
    TokenClaims claimsFor(User user, TokenType type) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant issuedAt = user.tokensRevokedBefore().filter(now::isBefore).orElse(now);
        Duration lifetime = type == TokenType.ACCESS ? accessLifetime : refreshLifetime;
        return new TokenClaims(user.id(), type, newTokenId(), issuedAt, issuedAt.plus(lifetime), issuer);
    }

    /**
     * The claims of a presented token that is fully valid as {@code expected}.
     *
     * @throws TokenRejectedException with the reason's code
     */
    public TokenClaims verify(String token, TokenType expected) {
        TokenClaims claims = codec.decode(token);
        if (!claims.issuer().equals(issuer) || claims.type() != expected) {
            throw TokenRejectedException.invalid();
        }
        if (claims.isExpiredAt(clock.instant())) {
            throw TokenRejectedException.expired();
        }
        if (revocations.isRevoked(claims.tokenId(), claims.subject(), claims.issuedAt())) {
            throw TokenRejectedException.revoked();
        }
        return claims;
    }

    /**
     * As {@link #verify}, and the user the token belongs to, who must still exist.
     *
     * @throws TokenRejectedException with the reason's code
     */
    public VerifiedToken verifyWithOwner(String token, TokenType expected) {
        TokenClaims claims = verify(token, expected);
        User user = users.findById(claims.subject()).orElseThrow(TokenRejectedException::invalid);
        if (user.hasRevokedTokenIssuedAt(claims.issuedAt())) {
            throw TokenRejectedException.revoked();
        }
        return new VerifiedToken(user, claims);
    }

    /** Revokes one token until its own expiry. */
    public void revoke(String tokenId, Instant expiresAt) {
        revocations.revoke(tokenId, expiresAt);
    }

    /**
     * Cuts off every token of the user issued up to now (rounded up to the next whole second), remembered until the
     * longest-lived of them has expired.
     */
    public void revokeAllOf(UserId userId) {
        Instant now = clock.instant();
        Instant cutOff = now.truncatedTo(ChronoUnit.SECONDS).plusSeconds(now.getNano() == 0 ? 0 : 1);
        revocations.cutOff(userId, cutOff, cutOff.plus(longestLifetime()));
        users.findById(userId).ifPresent(user -> users.save(user.revokeTokensIssuedBefore(cutOff)));
    }

    /**
     * Cuts off every token the user has, for an account being deleted (no token of theirs is issued afterwards). A
     * token may carry an issue time up to a second ahead of the clock (see {@link #claimsFor}), hence two seconds.
     */
    public void revokeEverythingOf(UserId userId) {
        Instant cutOff = clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(2);
        revocations.cutOff(userId, cutOff, cutOff.plus(longestLifetime()));
    }

    private Duration longestLifetime() {
        return accessLifetime.compareTo(refreshLifetime) > 0 ? accessLifetime : refreshLifetime;
    }

    private String newTokenId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A token that passed every check, with the user it belongs to. */
    public record VerifiedToken(User user, TokenClaims claims) {
    }
}
