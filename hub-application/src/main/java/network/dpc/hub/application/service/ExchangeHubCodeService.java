package network.dpc.hub.application.service;

import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import network.dpc.hub.application.auth.TokenAuthority;
import network.dpc.hub.application.port.in.ExchangeHubCodeUseCase;
import network.dpc.hub.application.port.in.TokenPair;
import network.dpc.hub.application.port.out.HubCodeStore;
import network.dpc.hub.application.port.out.UserRepository;
import network.dpc.hub.domain.login.HubCode;
import network.dpc.hub.domain.shared.DomainException;
import network.dpc.hub.domain.shared.ErrorKind;
import network.dpc.hub.domain.token.TokenType;
import network.dpc.hub.domain.user.User;

/** Redeems a one-time hub code with its PKCE verifier for an access and a refresh token. */
public final class ExchangeHubCodeService implements ExchangeHubCodeUseCase {

    private final HubCodeStore codes;
    private final UserRepository users;
    private final TokenAuthority tokens;
    private final Clock clock;

    public ExchangeHubCodeService(HubCodeStore codes, UserRepository users, TokenAuthority tokens, Clock clock) {
        this.codes = Objects.requireNonNull(codes, "codes");
        this.users = Objects.requireNonNull(users, "users");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public TokenPair exchange(String code, String codeVerifier, URI redirectUri) {
        HubCode hubCode = codes.take(code).orElseThrow(ExchangeHubCodeService::invalidGrant);
        if (!hubCode.redeemableWith(codeVerifier, redirectUri, clock.instant())) {
            throw invalidGrant();
        }
        User user = users.findById(hubCode.userId()).orElseThrow(ExchangeHubCodeService::invalidGrant);
        return new TokenPair(tokens.issue(user, TokenType.ACCESS), tokens.issue(user, TokenType.REFRESH),
                tokens.accessLifetime());
    }

    private static DomainException invalidGrant() {
        return new DomainException(ErrorKind.INVALID, "invalid_grant",
                "The code is unknown, used, expired, or does not match the verifier and redirect URI");
    }
}
