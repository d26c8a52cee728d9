package network.dpc.hub.domain.shared;

/** The category of a rule violation; every adapter maps each kind to its own error shape in one place. */
public enum ErrorKind {
    INVALID,
    NOT_FOUND,
    CONFLICT,
    FORBIDDEN,
    UNAUTHORIZED,
    RATE_LIMITED,
    UNAVAILABLE
}
