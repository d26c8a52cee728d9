package network.dpc.hub.application.service;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import network.dpc.hub.application.auth.RandomValues;
import network.dpc.hub.application.auth.TokenAuthority;
import network.dpc.hub.application.port.in.CompleteLoginUseCase;
import network.dpc.hub.application.port.out.HubCodeStore;
import network.dpc.hub.application.port.out.IdentityProvider;
import network.dpc.hub.application.port.out.IdentityProviderDirectory;
import network.dpc.hub.application.port.out.LoginAttemptStore;
import network.dpc.hub.application.port.out.UserRepository;
import network.dpc.hub.domain.login.HubCode;
import network.dpc.hub.domain.login.LoginAttempt;
import network.dpc.hub.domain.shared.DomainException;
import network.dpc.hub.domain.shared.ErrorKind;
import network.dpc.hub.domain.token.TokenType;
import network.dpc.hub.domain.user.Email;
import network.dpc.hub.domain.user.User;

/**
 * Finishes a sign-in: consumes the single-use state, lets the provider vouch for a verified e-mail, finds or
 * creates the account keyed by that address, and hands the client its tokens (or a one-time hub code).
 */
public final class CompleteLoginService implements CompleteLoginUseCase {

    private static final int MAX_DESCRIPTION = 200;

    private final IdentityProviderDirectory providers;
    private final LoginAttemptStore attempts;
    private final HubCodeStore hubCodes;
    private final UserRepository users;
    private final TokenAuthority tokens;
    private final RandomValues random;
    private final Clock clock;
    private final URI publicUrl;

    public CompleteLoginService(IdentityProviderDirectory providers, LoginAttemptStore attempts, HubCodeStore hubCodes,
            UserRepository users, TokenAuthority tokens, RandomValues random, Clock clock, URI publicUrl) {
        this.providers = Objects.requireNonNull(providers, "providers");
        this.attempts = Objects.requireNonNull(attempts, "attempts");
        this.hubCodes = Objects.requireNonNull(hubCodes, "hubCodes");
        this.users = Objects.requireNonNull(users, "users");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.publicUrl = Objects.requireNonNull(publicUrl, "publicUrl");
    }

    @Override
    public LoginOutcome complete(CompleteLoginCommand command) {
        Instant now = clock.instant();
        LoginAttempt attempt = command.state().filter(s -> !s.isBlank() && s.length() <= 256)
                .flatMap(attempts::take)
                .filter(a -> a.acceptsCallback(command.provider(), now))
                .orElseThrow(CompleteLoginService::invalidState);
        URI client = attempt.clientRedirect();
        if (command.error().isPresent()) {
            return new LoginFailed(client, safeErrorCode(command.error().get()), command.errorDescription()
                    .map(CompleteLoginService::safeDescription).orElse("The sign-in was not completed at the provider"));
        }
        if (command.code().filter(c -> !c.isBlank() && c.length() <= 4096).isEmpty()) {
            return new LoginFailed(client, "invalid_request", "The provider returned no authorization code");
        }
        try {
            IdentityProvider provider = providers.provider(attempt.provider());
            IdentityProvider.VerifiedIdentity identity = provider.complete(new IdentityProvider.AuthorizationCallback(
                    command.code().get(), attempt.codeVerifier(), attempt.nonce(),
                    StartLoginService.callbackUri(publicUrl, provider.name())));
            User user = signIn(emailOf(identity), provider.name());
            return attempt.clientCodeChallenge()
                    .<LoginOutcome>map(challenge -> codeFor(user, challenge, client, now))
                    .orElseGet(() -> new TokensIssued(client, tokens.issue(user, TokenType.ACCESS),
                            tokens.issue(user, TokenType.REFRESH)));
        } catch (DomainException e) {
            return new LoginFailed(client, e.code(), e.getMessage());
        }
    }

    private CodeIssued codeFor(User user, String challenge, URI client, Instant now) {
        HubCode code = new HubCode(random.urlSafe(32), user.id(), challenge, client, now.plus(HubCode.LIFETIME));
        hubCodes.save(code);
        return new CodeIssued(client, code.code());
    }

    private User signIn(Email email, String provider) {
        Optional<User> existing = users.findByEmail(email);
        User user = existing.map(u -> u.signedInWith(provider)).orElseGet(() -> User.register(email, provider,
                clock.instant()));
        try {
            users.save(user);
            return user;
        } catch (DomainException e) {
            if (e.kind() != ErrorKind.CONFLICT) {
                throw e;
            }
            User concurrent = users.findByEmail(email).orElseThrow(() -> e).signedInWith(provider);
            users.save(concurrent);
            return concurrent;
        }
    }

    private static Email emailOf(IdentityProvider.VerifiedIdentity identity) {
        try {
            return new Email(identity.email());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new DomainException(ErrorKind.UNAUTHORIZED, "email_not_verified",
                    "The provider did not return a usable verified e-mail address");
        }
    }

    private static DomainException invalidState() {
        return new DomainException(ErrorKind.INVALID, "invalid_state",
                "The sign-in state is missing, unknown, already used or expired; start the sign-in again");
    }

    private static String safeErrorCode(String error) {
        return error.matches("[a-z_]{1,64}") ? error : "access_denied";
    }

    private static String safeDescription(String description) {
        String printable = description.replaceAll("[\\p{Cntrl}]", " ").strip();
        return printable.length() > MAX_DESCRIPTION ? printable.substring(0, MAX_DESCRIPTION) : printable;
    }
}
