package network.dpc.hub.application.service;

import java.util.Objects;
import network.dpc.hub.application.auth.TokenAuthority;
import network.dpc.hub.application.port.in.RefreshAccessTokenUseCase;
import network.dpc.hub.application.port.in.TokenPair;
import network.dpc.hub.domain.token.TokenType;

/** Trades a valid refresh token for a fresh access token, keeping the refresh token as it is. */
public final class RefreshAccessTokenService implements RefreshAccessTokenUseCase {

    private final TokenAuthority tokens;

    public RefreshAccessTokenService(TokenAuthority tokens) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    @Override
    public TokenPair refresh(String refreshToken) {
        TokenAuthority.VerifiedToken verified = tokens.verifyWithOwner(refreshToken, TokenType.REFRESH);
        return new TokenPair(tokens.issue(verified.user(), TokenType.ACCESS), null, tokens.accessLifetime());
    }
}
