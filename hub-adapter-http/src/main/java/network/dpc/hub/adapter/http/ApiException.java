package network.dpc.hub.adapter.http;

import java.util.List;

/**
 * An error found at the HTTP edge, before any use case runs (malformed JSON, schema violations, oversize bodies);
 * the server turns it into the JSON error body with the given status.
 */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient List<ErrorResponse.FieldError> fieldErrors;

    public ApiException(int status, String code, String detail) {
        this(status, code, detail, null);
    }

    public ApiException(int status, String code, String detail, List<ErrorResponse.FieldError> fieldErrors) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.fieldErrors = fieldErrors == null ? null : List.copyOf(fieldErrors);
    }

    /** A 422 schema-validation failure listing each offending field. */
    public static ApiException validation(List<ErrorResponse.FieldError> fieldErrors) {
        return new ApiException(422, "validation_error", "Request body failed validation", fieldErrors);
    }

    public int status() {
        return status;
    }

    public ErrorResponse body() {
        return new ErrorResponse(getMessage(), code, fieldErrors);
    }
}
