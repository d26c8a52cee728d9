package network.dpc.hub.application.fake;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import network.dpc.hub.application.port.out.TokenCodec;
import network.dpc.hub.domain.token.TokenClaims;
import network.dpc.hub.domain.token.TokenRejectedException;

/** A token codec that hands out opaque {@code token-<jti>} strings and remembers their claims. */
public final class InMemoryTokenCodec implements TokenCodec {

    private final Map<String, TokenClaims> issued = new ConcurrentHashMap<>();

    @Override
    public String encode(TokenClaims claims) {
        String token = "token-" + claims.tokenId();
        issued.put(token, claims);
        return token;
    }

    @Override
    public TokenClaims decode(String token) {
        TokenClaims claims = issued.get(token);
        if (claims == null) {
            throw TokenRejectedException.invalid();
        }
        return claims;
    }
}
