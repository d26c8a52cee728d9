package network.dpc.hub.domain.node;

import java.util.Objects;
import network.dpc.hub.domain.shared.DomainException;
import network.dpc.hub.domain.shared.ErrorKind;

/**
 * A node registration failed one of the checks of contract §2: kind INVALID, code
 * {@code invalid_node_registration}, and a sentence that names the failed check and why it failed.
 */
public final class InvalidNodeRegistrationException extends DomainException {

    private static final long serialVersionUID = 1L;
    public static final String CODE = "invalid_node_registration";

    private final RegistrationCheck check;

    public InvalidNodeRegistrationException(RegistrationCheck check, String reason) {
        super(ErrorKind.INVALID, CODE, sentence(check, reason));
        this.check = check;
    }

    /** The check that failed. */
    public RegistrationCheck check() {
        return check;
    }

    private static String sentence(RegistrationCheck check, String reason) {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(reason, "reason");
        return "Invalid node registration, check " + check.number() + " (" + check.label() + ") failed: " + reason;
    }
}
