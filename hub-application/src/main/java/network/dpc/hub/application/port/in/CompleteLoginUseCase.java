package network.dpc.hub.application.port.in;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/** Finishes a sign-in at the provider's callback and decides what the client receives. */
public interface CompleteLoginUseCase {

    /**
     * Completes the attempt named by {@code state}.
     *
     * @throws network.dpc.hub.domain.shared.DomainException INVALID {@code invalid_state} when the state is
     *     missing, unknown, reused, expired or belongs to another provider (no client callback is known then)
     */
    LoginOutcome complete(CompleteLoginCommand command);

    /** What the provider sent to the hub's callback. */
    record CompleteLoginCommand(String provider, Optional<String> state, Optional<String> code,
            Optional<String> error, Optional<String> errorDescription) {

        public CompleteLoginCommand {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(errorDescription, "errorDescription");
        }
    }

    /** Where the browser goes next, and with what. */
    sealed interface LoginOutcome {

        URI clientRedirect();
    }

    /** Signed in: the tokens go to the client callback. */
    record TokensIssued(URI clientRedirect, String accessToken, String refreshToken) implements LoginOutcome {
    }

    /** Signed in through the PKCE hub-code flow: a one-time code goes to the client callback. */
    record CodeIssued(URI clientRedirect, String code) implements LoginOutcome {
    }

    /** Not signed in: an error code and a sentence go to the client callback. */
    record LoginFailed(URI clientRedirect, String error, String description) implements LoginOutcome {
    }
}
