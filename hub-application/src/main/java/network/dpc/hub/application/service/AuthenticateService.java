package network.dpc.hub.application.service;

import java.util.Objects;
import network.dpc.hub.application.auth.TokenAuthority;
import network.dpc.hub.application.port.in.AuthenticateUseCase;
import network.dpc.hub.application.port.in.Caller;
import network.dpc.hub.domain.token.TokenClaims;
import network.dpc.hub.domain.token.TokenType;

/** Accepts a request's access token when every token rule holds and names the user behind it. */
public final class AuthenticateService implements AuthenticateUseCase {

    private final TokenAuthority tokens;

    public AuthenticateService(TokenAuthority tokens) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    @Override
    public Caller authenticate(String accessToken) {
        TokenClaims claims = tokens.verify(accessToken, TokenType.ACCESS);
        return new Caller(claims.subject(), claims.tokenId(), claims.expiresAt());
    }
}
