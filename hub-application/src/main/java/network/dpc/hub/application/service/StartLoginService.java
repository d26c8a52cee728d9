package network.dpc.hub.application.service;

import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import network.dpc.hub.application.auth.RandomValues;
import network.dpc.hub.application.port.in.StartLoginUseCase;
import network.dpc.hub.application.port.out.IdentityProvider;
import network.dpc.hub.application.port.out.IdentityProviderDirectory;
import network.dpc.hub.application.port.out.LoginAttemptStore;
import network.dpc.hub.domain.login.ClientRedirectPolicy;
import network.dpc.hub.domain.login.LoginAttempt;
import network.dpc.hub.domain.login.Pkce;
import network.dpc.hub.domain.shared.DomainException;
import network.dpc.hub.domain.shared.ErrorKind;

/** Begins a sign-in: validates the client's callback, remembers state, nonce and PKCE verifier, and redirects. */
public final class StartLoginService implements StartLoginUseCase {

    private final IdentityProviderDirectory providers;
    private final LoginAttemptStore attempts;
    private final ClientRedirectPolicy redirects;
    private final RandomValues random;
    private final Clock clock;
    private final URI publicUrl;

    public StartLoginService(IdentityProviderDirectory providers, LoginAttemptStore attempts,
            ClientRedirectPolicy redirects, RandomValues random, Clock clock, URI publicUrl) {
        this.providers = Objects.requireNonNull(providers, "providers");
        this.attempts = Objects.requireNonNull(attempts, "attempts");
        this.redirects = Objects.requireNonNull(redirects, "redirects");
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.publicUrl = Objects.requireNonNull(publicUrl, "publicUrl");
    }

    @Override
    public URI start(StartLoginCommand command) {
        IdentityProvider provider = providers.provider(command.provider());
        URI clientRedirect = redirects.resolve(command.clientRedirectUri());
        Optional<String> challenge = clientChallenge(command);
        LoginAttempt attempt = new LoginAttempt(random.urlSafe(32), provider.name(), random.urlSafe(32),
                random.urlSafe(48), clientRedirect, challenge, clock.instant().plus(LoginAttempt.LIFETIME));
        URI authorizationUrl = provider.authorizationUrl(new IdentityProvider.AuthorizationRequest(attempt.state(),
                attempt.nonce(), attempt.codeVerifier(), callbackUri(publicUrl, provider.name())));
        attempts.save(attempt);
        return authorizationUrl;
    }

    /** The hub's own callback URL that the provider redirects back to. */
    static URI callbackUri(URI publicUrl, String provider) {
        String base = publicUrl.toString().replaceAll("/+$", "");
        return URI.create(base + "/auth/" + provider + "/callback");
    }

    private static Optional<String> clientChallenge(StartLoginCommand command) {
        if (command.clientCodeChallenge().isEmpty()) {
            if (command.clientCodeChallengeMethod().isPresent()) {
                throw invalidChallenge();
            }
            return Optional.empty();
        }
        String method = command.clientCodeChallengeMethod().orElse("");
        if (!method.equals("S256") || !Pkce.isValidChallenge(command.clientCodeChallenge().get())) {
            throw invalidChallenge();
        }
        return command.clientCodeChallenge();
    }

    private static DomainException invalidChallenge() {
        return new DomainException(ErrorKind.INVALID, "invalid_code_challenge",
                "code_challenge must be a 43-character base64url S256 challenge with code_challenge_method=S256");
    }
}
