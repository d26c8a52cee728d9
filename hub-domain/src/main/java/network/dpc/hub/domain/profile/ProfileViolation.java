package network.dpc.hub.domain.profile;

import java.util.Objects;

/**
 * One broken rule of a profile.
 *
 * @param field where, in the wire names of contract §3 ({@code name}, {@code expertise.python}, …)
 * @param message what is wrong, a phrase safe to show to the client
 */
public record ProfileViolation(String field, String message) {

    public ProfileViolation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
