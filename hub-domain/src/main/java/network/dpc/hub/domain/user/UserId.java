package network.dpc.hub.domain.user;

import java.util.Objects;
import java.util.UUID;

/** The stable identifier of a user account; it is the JWT {@code sub} and never the e-mail address. */
public record UserId(UUID value) {

    public UserId {
        Objects.requireNonNull(value, "user id");
    }

    public static UserId random() {
        return new UserId(UUID.randomUUID());
    }

    /** Parses the textual form; throws {@link IllegalArgumentException} for anything that is not a UUID. */
    public static UserId parse(String text) {
        return new UserId(UUID.fromString(Objects.requireNonNull(text, "user id")));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
