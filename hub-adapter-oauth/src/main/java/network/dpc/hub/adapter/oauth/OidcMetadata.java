package network.dpc.hub.adapter.oauth;

import com.nimbusds.jose.JWSAlgorithm;
import java.net.URI;
import java.util.Objects;
import java.util.Set;

/**
 * What an issuer's discovery document says the hub needs: where to send the browser, where to exchange the code,
 * where the signing keys are, which asymmetric algorithms sign ID tokens, and how the client authenticates.
 *
 * @param issuer the issuer identifier exactly as the document (and so the ID tokens) spell it
 * @param authorizationEndpoint the authorization endpoint
 * @param tokenEndpoint the token endpoint
 * @param jwksUri the JWK set with the ID token signing keys
 * @param signingAlgorithms the asymmetric JWS algorithms accepted for ID tokens, never empty
 * @param clientSecretPost whether the client authenticates in the request body instead of HTTP Basic
 */
record OidcMetadata(String issuer, URI authorizationEndpoint, URI tokenEndpoint, URI jwksUri,
        Set<JWSAlgorithm> signingAlgorithms, boolean clientSecretPost) {

    OidcMetadata {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(authorizationEndpoint, "authorizationEndpoint");
        Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
        Objects.requireNonNull(jwksUri, "jwksUri");
        signingAlgorithms = Set.copyOf(signingAlgorithms);
        if (signingAlgorithms.isEmpty()
                || !signingAlgorithms.stream().allMatch(JWSAlgorithm.Family.SIGNATURE::contains)) {
            throw new IllegalArgumentException("ID token algorithms must be asymmetric signature algorithms");
        }
    }
}
