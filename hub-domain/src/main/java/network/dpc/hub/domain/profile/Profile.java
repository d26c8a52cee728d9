package network.dpc.hub.domain.profile;

import java.time.Instant;
import java.util.Objects;
import network.dpc.hub.domain.user.UserId;

/**
 * A user's public profile: at most one per account, replaced as a whole on every update.
 *
 * @param updatedAt when it was last written; search ranks more recently updated profiles first
 */
public record Profile(UserId owner, ProfileContent content, Instant updatedAt) {

    public Profile {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
