package network.dpc.hub.adapter.persistence;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import network.dpc.hub.domain.user.Email;
import network.dpc.hub.domain.user.User;
import network.dpc.hub.domain.user.UserId;

/** One row of {@code users}. */
public record UserRow(UUID id, String email, String provider, Instant createdAt, Instant tokensRevokedBefore) {

    static UserRow from(User user) {
        return new UserRow(user.id().value(), user.email().value(), user.provider(), user.createdAt(),
                user.tokensRevokedBefore().orElse(null));
    }

    User toUser() {
        return new User(new UserId(id), new Email(email), provider, createdAt, Optional.ofNullable(tokensRevokedBefore));
    }
}
