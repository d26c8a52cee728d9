package network.dpc.hub.adapter.persistence;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import network.dpc.hub.domain.login.LoginAttempt;

/** One row of {@code login_attempts}: the attempt without its state, which is kept only as a hash. */
public record LoginAttemptRow(byte[] stateHash, String provider, String nonce, String codeVerifier,
        String clientRedirect, String clientCodeChallenge, Instant expiresAt) {

    static LoginAttemptRow from(LoginAttempt attempt) {
        return new LoginAttemptRow(SecretHashes.sha256(attempt.state()), attempt.provider(), attempt.nonce(),
                attempt.codeVerifier(), attempt.clientRedirect().toString(),
                attempt.clientCodeChallenge().orElse(null), attempt.expiresAt());
    }

    /** The attempt, given the state it was found by. */
    LoginAttempt toAttempt(String state) {
        return new LoginAttempt(state, provider, nonce, codeVerifier, URI.create(clientRedirect),
                Optional.ofNullable(clientCodeChallenge), expiresAt);
    }
}
