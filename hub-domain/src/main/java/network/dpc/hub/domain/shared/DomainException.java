package network.dpc.hub.domain.shared;

import java.util.Objects;

/**
 * A rule violation worded in domain terms, carrying a kind (how bad) and a stable machine code (which rule).
 * The message is a human sentence safe to show to a client: it never contains secrets.
 */
public class DomainException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;
    private final String code;

    public DomainException(ErrorKind kind, String code, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorKind kind() {
        return kind;
    }

    public String code() {
        return code;
    }
}
