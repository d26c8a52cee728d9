package network.dpc.hub.application.port.in;

import java.net.URI;

/** Exchanges a one-time hub code plus its PKCE verifier for tokens (the native-client flow). */
public interface ExchangeHubCodeUseCase {

    /** @throws network.dpc.hub.domain.shared.DomainException INVALID {@code invalid_grant} for any mismatch */
    TokenPair exchange(String code, String codeVerifier, URI redirectUri);
}
