package network.dpc.hub.adapter.http;

import io.javalin.http.HttpStatus;
import network.dpc.hub.domain.shared.DomainException;
import network.dpc.hub.domain.shared.ErrorKind;

/** Maps every domain error kind to its HTTP status in one exhaustive switch. */
public final class ErrorMapper {

    private ErrorMapper() {
    }

    public static HttpStatus statusOf(ErrorKind kind) {
        return switch (kind) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case UNAUTHORIZED -> HttpStatus.UNAUTHORIZED;
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }

    public static ErrorResponse bodyOf(DomainException e) {
        return new ErrorResponse(e.getMessage(), e.code());
    }
}
