package network.dpc.hub.application.port.in;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/** Begins a sign-in: remembers the attempt and tells where to send the browser. */
public interface StartLoginUseCase {

    /** The provider's authorization URL for this attempt. */
    URI start(StartLoginCommand command);

    /**
     * @param clientRedirectUri where the client wants its result ({@code redirect_uri}), default when absent
     * @param clientCodeChallenge a native client's S256 challenge for the hub-code flow
     */
    record StartLoginCommand(String provider, Optional<String> clientRedirectUri,
            Optional<String> clientCodeChallenge, Optional<String> clientCodeChallengeMethod) {

        public StartLoginCommand {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(clientRedirectUri, "clientRedirectUri");
            Objects.requireNonNull(clientCodeChallenge, "clientCodeChallenge");
            Objects.requireNonNull(clientCodeChallengeMethod, "clientCodeChallengeMethod");
        }
    }
}
