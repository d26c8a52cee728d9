package network.dpc.hub.adapter.persistence;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import network.dpc.hub.domain.login.HubCode;
import network.dpc.hub.domain.user.UserId;

/** One row of {@code hub_codes}: the code's binding without the code itself, which is kept only as a hash. */
public record HubCodeRow(byte[] codeHash, UUID userId, String codeChallenge, String redirectUri, Instant expiresAt) {

    static HubCodeRow from(HubCode code) {
        return new HubCodeRow(SecretHashes.sha256(code.code()), code.userId().value(), code.codeChallenge(),
                code.redirectUri().toString(), code.expiresAt());
    }

    /** The hub code, given the code it was found by. */
    HubCode toHubCode(String code) {
        return new HubCode(code, new UserId(userId), codeChallenge, URI.create(redirectUri), expiresAt);
    }
}
