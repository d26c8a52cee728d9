package network.dpc.hub.adapter.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import network.dpc.hub.domain.shared.DomainException;
import network.dpc.hub.domain.shared.ErrorKind;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserts that a call fails with one domain error, kind and code, and that its sentence leaks no secret. */
final class Failures {

    private Failures() {
    }

    static DomainException assertFails(ThrowingCallable call, ErrorKind kind, String code, String... secrets) {
        DomainException error = catchThrowableOfType(DomainException.class, call);
        assertThat(error).as("expected DomainException %s/%s", kind, code).isNotNull();
        assertThat(error.kind()).isEqualTo(kind);
        assertThat(error.code()).isEqualTo(code);
        assertThat(error.getMessage()).isNotBlank();
        for (String secret : secrets) {
            assertThat(error.getMessage()).doesNotContain(secret);
        }
        return error;
    }
}
