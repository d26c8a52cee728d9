package network.dpc.hub.domain.profile;

import java.util.List;
import network.dpc.hub.domain.shared.DomainException;
import network.dpc.hub.domain.shared.ErrorKind;

/** A profile breaks the rules of contract §3: kind INVALID, code {@code invalid_profile}, every violation listed. */
public final class InvalidProfileException extends DomainException {

    private static final long serialVersionUID = 1L;
    public static final String CODE = "invalid_profile";

    private final transient List<ProfileViolation> violations;

    public InvalidProfileException(List<ProfileViolation> violations) {
        super(ErrorKind.INVALID, CODE, "The profile is invalid");
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid profile has at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    public List<ProfileViolation> violations() {
        return violations;
    }
}
