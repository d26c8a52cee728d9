package network.dpc.hub.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import network.dpc.hub.application.auth.RandomValues;
import network.dpc.hub.application.auth.TokenAuthority;
import network.dpc.hub.application.fake.InMemoryHubCodeStore;
import network.dpc.hub.application.fake.InMemoryLoginAttemptStore;
import network.dpc.hub.application.fake.InMemoryNodeIdentityRepository;
import network.dpc.hub.application.fake.InMemoryProfileRepository;
import network.dpc.hub.application.fake.InMemoryRevocationStore;
import network.dpc.hub.application.fake.RecordingSessionCloser;
import network.dpc.hub.application.fake.InMemoryTokenCodec;
import network.dpc.hub.application.fake.InMemoryUserRepository;
import network.dpc.hub.application.fake.MutableClock;
import network.dpc.hub.application.port.in.Caller;
import network.dpc.hub.application.port.in.CompleteLoginUseCase.CodeIssued;
import network.dpc.hub.application.port.in.CompleteLoginUseCase.CompleteLoginCommand;
import network.dpc.hub.application.port.in.CompleteLoginUseCase.LoginFailed;
import network.dpc.hub.application.port.in.CompleteLoginUseCase.LoginOutcome;
import network.dpc.hub.application.port.in.CompleteLoginUseCase.TokensIssued;
import network.dpc.hub.application.port.in.LogoutUseCase.LogoutCommand;
import network.dpc.hub.application.port.in.StartLoginUseCase.StartLoginCommand;
import network.dpc.hub.application.port.in.TokenPair;
import network.dpc.hub.application.port.out.IdentityProvider;
import network.dpc.hub.application.port.out.NodeOwnership;
import network.dpc.hub.application.port.out.SessionCloser;
import network.dpc.hub.application.port.out.TokenCodec;
import network.dpc.hub.domain.login.ClientRedirectPolicy;
import network.dpc.hub.domain.login.Pkce;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.shared.DomainException;
import network.dpc.hub.domain.shared.ErrorKind;
import network.dpc.hub.domain.signaling.SocketClose;
import network.dpc.hub.domain.token.TokenRejectedException;
import network.dpc.hub.domain.user.Email;
import network.dpc.hub.domain.user.UserId;
import org.junit.jupiter.api.Test;

/** The account use cases wired on in-memory fakes, with a clock moved by hand. */
class AccountServicesTest {

    private static final URI PUBLIC_URL = URI.create("https://hub.example.org");
    private static final URI DEFAULT_CLIENT = URI.create("http://127.0.0.1:8080/callback");

    private final MutableClock clock = MutableClock.at("2026-11-27T08:00:00.250Z");
    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final InMemoryRevocationStore revocations = new InMemoryRevocationStore(clock);
    private final InMemoryLoginAttemptStore attempts = new InMemoryLoginAttemptStore();
    private final InMemoryHubCodeStore codes = new InMemoryHubCodeStore();
    private final FakeProvider google = new FakeProvider("google");
    private final FakeProvider github = new FakeProvider("github");
    private final List<UserId> closedUsers = new ArrayList<>();
    private final RandomValues random = new RandomValues(new SecureRandom());
    private final TokenAuthority tokens = new TokenAuthority(new InMemoryTokenCodec(), revocations, users, clock,
            new SecureRandom(), new TokenAuthority.TokenSettings("dpc-hub", Duration.ofMinutes(30),
                    Duration.ofDays(30)));
    private final StartLoginService start = new StartLoginService(this::provider, attempts,
            new ClientRedirectPolicy(DEFAULT_CLIENT, List.of(URI.create("https://app.example.org/cb"))), random, clock,
            PUBLIC_URL);
    private final CompleteLoginService complete = new CompleteLoginService(this::provider, attempts, codes, users,
            tokens, random, clock, PUBLIC_URL);
    private final AuthenticateService authenticate = new AuthenticateService(tokens);
    private final RefreshAccessTokenService refresh = new RefreshAccessTokenService(tokens);
    private final ExchangeHubCodeService exchange = new ExchangeHubCodeService(codes, users, tokens, clock);
    private final LogoutService logout = new LogoutService(tokens, new SessionCloser() {
        @Override
        public int closeUser(UserId user, SocketClose reason) {
            closedUsers.add(user);
            return 1;
        }

        @Override
        public int closeNode(NodeId node, SocketClose reason) {
            return 0;
        }
    }, new NodeOwnership() {
        @Override
        public Optional<NodeId> primaryNode(UserId user) {
            return Optional.empty();
        }

        @Override
        public boolean owns(UserId user, NodeId node) {
            return false;
        }
    });

    @Test
    void loginRedirectsToTheProviderWithStateNonceAndTheHubCallback() {
        URI target = start.start(command("google", null, null, null));

        assertThat(target.toString()).startsWith("https://google.test/authorize?state=");
        assertThat(google.lastRequest.callbackUri()).isEqualTo(URI.create(
                "https://hub.example.org/auth/google/callback"));
        assertThat(google.lastRequest.nonce()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(Pkce.isValidVerifier(google.lastRequest.codeVerifier())).isTrue();
    }

    @Test
    void unknownAndUnconfiguredProvidersAndBadRedirectsStoreNothing() {
        assertThatThrownBy(() -> start.start(command("myspace", null, null, null)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("unknown_provider"));
        assertThatThrownBy(() -> start.start(command("google", "https://evil.example.org/cb", null, null)))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo("invalid_redirect_uri"));
        assertThatThrownBy(() -> start.start(command("google", null, "short", "S256")))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo("invalid_code_challenge"));
        assertThat(attempts.purgeExpired(clock.instant().plus(Duration.ofDays(1)))).isZero();
    }

    @Test
    void completedLoginIssuesAccessAndRefreshTokensToTheClientCallback() {
        TokensIssued issued = (TokensIssued) signIn(google, "alice@example.org", null);

        assertThat(issued.clientRedirect()).isEqualTo(DEFAULT_CLIENT);
        Caller caller = authenticate.authenticate(issued.accessToken());
        assertThat(users.findById(caller.userId()).orElseThrow().email()).isEqualTo(new Email("alice@example.org"));
        assertThat(users.findById(caller.userId()).orElseThrow().provider()).isEqualTo("google");
    }

    @Test
    void theSameVerifiedEmailThroughAnotherProviderIsTheSameAccountWithTheProviderRecorded() {
        TokensIssued first = (TokensIssued) signIn(google, "bob@example.org", null);
        TokensIssued second = (TokensIssued) signIn(github, "BOB@example.org", null);

        UserId one = authenticate.authenticate(first.accessToken()).userId();
        assertThat(authenticate.authenticate(second.accessToken()).userId()).isEqualTo(one);
        assertThat(users.findById(one).orElseThrow().provider()).isEqualTo("github");
    }

    @Test
    void aStateWorksOnceOnlyForItsProviderAndForTenMinutes() {
        start.start(command("google", null, null, null));
        String state = google.lastRequest.state();
        complete.complete(callback("google", state, "code-1"));

        assertInvalidState(() -> complete.complete(callback("google", state, "code-1")));
        assertInvalidState(() -> complete.complete(callback("google", null, "code-1")));
        assertInvalidState(() -> complete.complete(callback("google", "never-issued", "code-1")));

        start.start(command("google", null, null, null));
        String foreign = google.lastRequest.state();
        assertInvalidState(() -> complete.complete(callback("github", foreign, "code-1")));

        start.start(command("google", null, null, null));
        String stale = google.lastRequest.state();
        clock.advance(Duration.ofMinutes(10));
        assertInvalidState(() -> complete.complete(callback("google", stale, "code-1")));
    }

    @Test
    void deniedConsentAndProviderFailuresGoToTheClientAsErrors() {
        start.start(command("google", "http://127.0.0.1:53111/cb", null, null));
        LoginOutcome denied = complete.complete(new CompleteLoginCommand("google",
                Optional.of(google.lastRequest.state()), Optional.empty(), Optional.of("access_denied"),
                Optional.of("The user said no")));
        assertThat(denied).isEqualTo(new LoginFailed(URI.create("http://127.0.0.1:53111/cb"), "access_denied",
                "The user said no"));

        google.failure = new DomainException(ErrorKind.UNAVAILABLE, "provider_error", "Google is unavailable");
        LoginFailed down = (LoginFailed) signIn(google, "carol@example.org", null);
        assertThat(down.error()).isEqualTo("provider_error");

        google.failure = new DomainException(ErrorKind.UNAUTHORIZED, "email_not_verified", "No verified e-mail");
        LoginFailed unverified = (LoginFailed) signIn(google, "carol@example.org", null);
        assertThat(unverified.error()).isEqualTo("email_not_verified");
        assertThat(users.findByEmail(new Email("carol@example.org"))).isEmpty();
    }

    @Test
    void pkceHubCodeIsExchangedOnceWithItsVerifierAndRedirect() {
        String verifier = random.urlSafe(48);
        URI client = URI.create("http://127.0.0.1:40123/done");
        CodeIssued issued = (CodeIssued) signIn(google, "dave@example.org", verifier, client);

        assertThatThrownBy(() -> exchange.exchange(issued.code(), random.urlSafe(48), client))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("invalid_grant"));
        // a failed attempt burns the code
        assertThatThrownBy(() -> exchange.exchange(issued.code(), verifier, client))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("invalid_grant"));

        CodeIssued again = (CodeIssued) signIn(google, "dave@example.org", verifier, client);
        TokenPair pair = exchange.exchange(again.code(), verifier, client);
        assertThat(authenticate.authenticate(pair.accessToken()).userId()).isNotNull();
        assertThat(pair.refreshToken()).isNotNull();
        assertThat(pair.accessTokenLifetime()).isEqualTo(Duration.ofMinutes(30));
        assertThatThrownBy(() -> exchange.exchange(again.code(), verifier, client))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("invalid_grant"));
    }

    @Test
    void hubCodeExpiresAfterSixtySecondsAndIsBoundToTheRedirect() {
        String verifier = random.urlSafe(48);
        URI client = URI.create("http://127.0.0.1:40123/done");
        CodeIssued late = (CodeIssued) signIn(google, "erin@example.org", verifier, client);
        clock.advance(Duration.ofSeconds(60));
        assertThatThrownBy(() -> exchange.exchange(late.code(), verifier, client))
                .isInstanceOf(DomainException.class);

        CodeIssued moved = (CodeIssued) signIn(google, "erin@example.org", verifier, client);
        assertThatThrownBy(() -> exchange.exchange(moved.code(), verifier, URI.create("http://127.0.0.1:1/x")))
                .isInstanceOf(DomainException.class);
    }

    @Test
    void tokenTypesAreNotInterchangeableAndExpiryIsEnforced() {
        TokensIssued issued = (TokensIssued) signIn(google, "frank@example.org", null);

        assertRejected(() -> authenticate.authenticate(issued.refreshToken()), "invalid_token");
        assertRejected(() -> refresh.refresh(issued.accessToken()), "invalid_token");

        clock.advance(Duration.ofMinutes(30));
        assertRejected(() -> authenticate.authenticate(issued.accessToken()), "token_expired");
        TokenPair renewed = refresh.refresh(issued.refreshToken());
        assertThat(authenticate.authenticate(renewed.accessToken()).userId()).isNotNull();
        assertThat(refresh.refresh(issued.refreshToken()).accessToken()).as("refresh token is not rotated")
                .isNotBlank();
        clock.advance(Duration.ofDays(30));
        assertRejected(() -> refresh.refresh(issued.refreshToken()), "token_expired");
    }

    @Test
    void logoutRevokesTheAccessTokenAndTheOwnRefreshTokenAndClosesSockets() {
        TokensIssued mine = (TokensIssued) signIn(google, "gina@example.org", null);
        TokensIssued theirs = (TokensIssued) signIn(google, "henry@example.org", null);
        Caller caller = authenticate.authenticate(mine.accessToken());

        logout.logout(new LogoutCommand(caller, Optional.of(theirs.refreshToken()), false));

        assertRejected(() -> authenticate.authenticate(mine.accessToken()), "token_revoked");
        assertThat(refresh.refresh(mine.refreshToken()).accessToken()).isNotBlank();
        assertThat(refresh.refresh(theirs.refreshToken()).accessToken()).as("foreign token untouched").isNotBlank();
        assertThat(closedUsers).containsExactly(caller.userId());
        assertThat(revocations.liveRevocations()).isEqualTo(1);

        TokensIssued again = (TokensIssued) signIn(google, "gina@example.org", null);
        Caller second = authenticate.authenticate(again.accessToken());
        logout.logout(new LogoutCommand(second, Optional.of(again.refreshToken()), false));
        assertRejected(() -> refresh.refresh(again.refreshToken()), "token_revoked");

        clock.advance(Duration.ofDays(31));
        assertThat(revocations.purgeExpired(clock.instant())).isEqualTo(3);
    }

    @Test
    void logoutEverywhereCutsOffEveryEarlierTokenButNotALoginRightAfter() {
        TokensIssued a = (TokensIssued) signIn(google, "ivan@example.org", null);
        TokensIssued b = (TokensIssued) signIn(github, "ivan@example.org", null);

        logout.logout(new LogoutCommand(authenticate.authenticate(a.accessToken()), Optional.empty(), true));

        assertRejected(() -> authenticate.authenticate(b.accessToken()), "token_revoked");
        assertRejected(() -> refresh.refresh(b.refreshToken()), "token_revoked");
        assertRejected(() -> refresh.refresh(a.refreshToken()), "token_revoked");
        TokensIssued fresh = (TokensIssued) signIn(google, "ivan@example.org", null);
        assertThat(authenticate.authenticate(fresh.accessToken()).userId()).isNotNull();
        assertThat(refresh.refresh(fresh.refreshToken()).accessToken()).isNotBlank();
    }

    @Test
    void tokensOfADeletedAccountStopWorkingAtOnce() {
        TokensIssued issued = (TokensIssued) signIn(google, "judy@example.org", null);
        UserId id = authenticate.authenticate(issued.accessToken()).userId();

        InMemoryNodeIdentityRepository nodes = new InMemoryNodeIdentityRepository();
        new DeleteAccountService(tokens, users, nodes, new InMemoryProfileRepository(nodes),
                new RecordingSessionCloser()).delete(id);

        assertRejected(() -> authenticate.authenticate(issued.accessToken()), "token_revoked");
        assertRejected(() -> refresh.refresh(issued.refreshToken()), "token_revoked");
    }

    @Test
    void aRefreshTokenOfAUserWhoNoLongerExistsIsRefused() {
        TokensIssued issued = (TokensIssued) signIn(google, "kim@example.org", null);
        UserId id = authenticate.authenticate(issued.accessToken()).userId();

        users.delete(id);

        assertRejected(() -> refresh.refresh(issued.refreshToken()), "invalid_token");
    }

    private LoginOutcome signIn(FakeProvider provider, String email, String verifier) {
        return signIn(provider, email, verifier, null);
    }

    private LoginOutcome signIn(FakeProvider provider, String email, String verifier, URI client) {
        provider.email = email;
        start.start(command(provider.name(), client == null ? null : client.toString(),
                verifier == null ? null : Pkce.challengeOf(verifier), verifier == null ? null : "S256"));
        return complete.complete(callback(provider.name(), provider.lastRequest.state(), "code"));
    }

    private IdentityProvider provider(String name) {
        return switch (name) {
            case "google" -> google;
            case "github" -> github;
            case "oidc" -> throw new DomainException(ErrorKind.UNAVAILABLE, "provider_not_configured",
                    "OIDC_ISSUER is not set");
            default -> throw new DomainException(ErrorKind.NOT_FOUND, "unknown_provider", "No such provider");
        };
    }

    private static StartLoginCommand command(String provider, String redirect, String challenge, String method) {
        return new StartLoginCommand(provider, Optional.ofNullable(redirect), Optional.ofNullable(challenge),
                Optional.ofNullable(method));
    }

    private static CompleteLoginCommand callback(String provider, String state, String code) {
        return new CompleteLoginCommand(provider, Optional.ofNullable(state), Optional.ofNullable(code),
                Optional.empty(), Optional.empty());
    }

    private static void assertInvalidState(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.INVALID);
            assertThat(e.code()).isEqualTo("invalid_state");
        });
    }

    private static void assertRejected(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(TokenRejectedException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }

    /** A provider that vouches for whatever e-mail the test sets, or fails as told. */
    private static final class FakeProvider implements IdentityProvider {

        private final String name;
        private String email = "someone@example.org";
        private DomainException failure;
        private AuthorizationRequest lastRequest;

        FakeProvider(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public URI authorizationUrl(AuthorizationRequest request) {
            lastRequest = request;
            return URI.create("https://" + name + ".test/authorize?state=" + request.state());
        }

        @Override
        public VerifiedIdentity complete(AuthorizationCallback callback) {
            if (failure != null) {
                throw failure;
            }
            assertThat(callback.codeVerifier()).isEqualTo(lastRequest.codeVerifier());
            assertThat(callback.nonce()).isEqualTo(lastRequest.nonce());
            return new VerifiedIdentity(email, name, "subject-" + email);
        }
    }
}
