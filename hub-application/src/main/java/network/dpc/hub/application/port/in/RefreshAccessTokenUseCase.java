package network.dpc.hub.application.port.in;

/** Issues a new access token for a valid refresh token; the refresh token is not rotated. */
public interface RefreshAccessTokenUseCase {

    /** @throws network.dpc.hub.domain.token.TokenRejectedException for any unusable refresh token */
    TokenPair refresh(String refreshToken);
}
