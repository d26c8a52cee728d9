package network.dpc.hub.domain.user;

import java.util.Locale;
import java.util.Objects;

/**
 * A verified e-mail address, the key that joins logins from different providers into one account.
 * Stored trimmed and lower-cased, at most 320 characters, with exactly one {@code @} between non-empty parts.
 */
public record Email(String value) {

    public static final int MAX_LENGTH = 320;

    public Email {
        Objects.requireNonNull(value, "email");
        value = value.trim().toLowerCase(Locale.ROOT);
        int at = value.indexOf('@');
        if (value.length() > MAX_LENGTH || at <= 0 || at != value.lastIndexOf('@') || at == value.length() - 1
                || value.chars().anyMatch(c -> c <= ' ')) {
            throw new IllegalArgumentException("not an e-mail address");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
