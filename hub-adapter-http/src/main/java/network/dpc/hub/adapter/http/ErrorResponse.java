package network.dpc.hub.adapter.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The body of every HTTP error: a human {@code detail}, a machine {@code code}, and field errors for 422. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorResponse(String detail, String code, List<FieldError> errors) {

    /** The request attribute that holds the {@code code} of the error answered, for the metrics. */
    public static final String CODE_ATTRIBUTE = "dpc.errorCode";

    public ErrorResponse(String detail, String code) {
        this(detail, code, null);
    }

    /** One failed field of a schema validation. */
    public record FieldError(String field, String message) {
    }
}
