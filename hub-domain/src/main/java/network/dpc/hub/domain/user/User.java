package network.dpc.hub.domain.user;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A hub account, keyed by its verified e-mail address.
 *
 * @param provider the OAuth provider the user signed in with most recently
 * @param tokensRevokedBefore tokens issued before this instant are no longer accepted (logout everywhere)
 */
public record User(UserId id, Email email, String provider, Instant createdAt, Optional<Instant> tokensRevokedBefore) {

    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(tokensRevokedBefore, "tokensRevokedBefore");
        if (provider.isBlank() || provider.length() > 32) {
            throw new IllegalArgumentException("provider must be 1-32 characters");
        }
    }

    /** A brand-new account created at {@code now} by a login through {@code provider}. */
    public static User register(Email email, String provider, Instant now) {
        return new User(UserId.random(), email, provider, now, Optional.empty());
    }

    /** The same account after a login through {@code newProvider}. */
    public User signedInWith(String newProvider) {
        return new User(id, email, newProvider, createdAt, tokensRevokedBefore);
    }

    /** The same account with every token issued before {@code cutOff} revoked. */
    public User revokeTokensIssuedBefore(Instant cutOff) {
        return new User(id, email, provider, createdAt, Optional.of(cutOff));
    }

    /** Whether a token issued at {@code issuedAt} has been cut off by a logout-everywhere. */
    public boolean hasRevokedTokenIssuedAt(Instant issuedAt) {
        return tokensRevokedBefore.map(issuedAt::isBefore).orElse(false);
    }
}
