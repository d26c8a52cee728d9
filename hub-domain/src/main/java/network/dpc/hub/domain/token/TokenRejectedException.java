package network.dpc.hub.domain.token;

import network.dpc.hub.domain.shared.DomainException;
import network.dpc.hub.domain.shared.ErrorKind;

/**
 * A presented token is not accepted. The sentence is the same generic one for every reason, so a caller learns
 * nothing about why beyond the machine code.
 */
public final class TokenRejectedException extends DomainException {

    private static final long serialVersionUID = 1L;
    private static final String SENTENCE = "Could not validate credentials";

    private TokenRejectedException(String code) {
        super(ErrorKind.UNAUTHORIZED, code, SENTENCE);
    }

    /** Bad signature, wrong algorithm, malformed, wrong type, unknown user. */
    public static TokenRejectedException invalid() {
        return new TokenRejectedException("invalid_token");
    }

    public static TokenRejectedException expired() {
        return new TokenRejectedException("token_expired");
    }

    /** Revoked by logout, logout everywhere, or account deletion. */
    public static TokenRejectedException revoked() {
        return new TokenRejectedException("token_revoked");
    }
}
