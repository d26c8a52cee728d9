package network.dpc.hub.adapter.http;

import io.javalin.http.Context;
import java.util.Objects;
import network.dpc.hub.application.port.in.AuthenticateUseCase;
import network.dpc.hub.application.port.in.Caller;
import network.dpc.hub.domain.shared.DomainException;
import network.dpc.hub.domain.shared.ErrorKind;

/**
 * Reads {@code Authorization: Bearer <token>} and authenticates the caller; a missing or malformed header is a
 * 401 {@code not_authenticated}; the server adds {@code WWW-Authenticate: Bearer} to every 401.
 */
public final class BearerAuthentication {

    private static final String CALLER_ATTRIBUTE = "dpc.caller";
    private static final int MAX_TOKEN_LENGTH = 8 * 1024;

    private final AuthenticateUseCase authenticate;

    public BearerAuthentication(AuthenticateUseCase authenticate) {
        this.authenticate = Objects.requireNonNull(authenticate, "authenticate");
    }

    /** The authenticated caller of this request; authenticates once and remembers the result on the context. */
    public Caller caller(Context ctx) {
        Caller known = ctx.attribute(CALLER_ATTRIBUTE);
        if (known != null) {
            return known;
        }
        String token = bearerToken(ctx.header("Authorization"));
        Caller caller = authenticate.authenticate(token);
        ctx.attribute(CALLER_ATTRIBUTE, caller);
        return caller;
    }

    private String bearerToken(String header) {
        if (header == null || header.length() > MAX_TOKEN_LENGTH + 7
                || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
            throw new DomainException(ErrorKind.UNAUTHORIZED, "not_authenticated", "Not authenticated");
        }
        return header.substring(7).trim();
    }
}
