package network.dpc.hub.application.port.in;

/** Turns a presented access token into the authenticated caller, or refuses it. */
public interface AuthenticateUseCase {

    /**
     * Verifies an access token (signature, pinned algorithm, expiry, type, revocation, user cut-off, user exists).
     *
     * @throws network.dpc.hub.domain.shared.DomainException of kind UNAUTHORIZED with code {@code token_expired},
     *     {@code token_revoked} or {@code invalid_token}, and one generic sentence
     */
    Caller authenticate(String accessToken);
}
