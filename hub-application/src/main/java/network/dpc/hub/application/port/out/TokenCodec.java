package network.dpc.hub.application.port.out;

import network.dpc.hub.domain.token.TokenClaims;

/** Signs claims into a compact JWT and reads them back, with the one algorithm the hub is configured for. */
public interface TokenCodec {

    String encode(TokenClaims claims);

    /**
     * Verifies the signature with the pinned algorithm and returns the claims; expiry is left to the caller.
     *
     * @throws network.dpc.hub.domain.token.TokenRejectedException (invalid) for anything malformed, signed with
     *     another key or algorithm, or missing a required claim
     */
    TokenClaims decode(String token);
}
