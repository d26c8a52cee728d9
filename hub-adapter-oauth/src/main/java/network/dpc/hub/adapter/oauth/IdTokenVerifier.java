package network.dpc.hub.adapter.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Verifies an OpenID Connect ID token with nimbus-jose-jwt: the signature against the issuer's JWK set with one of
 * the asymmetric algorithms the issuer advertises (so {@code none} and HMAC never pass), then {@code iss},
 * {@code aud} (and {@code azp}) against the client id, {@code exp}/{@code nbf} against the injected clock, and the
 * nonce of this login attempt.
 */
final class IdTokenVerifier {

    private final String provider;
    private final OidcMetadata metadata;
    private final Set<String> acceptedIssuers;
    private final String clientId;
    private final JWKSource<SecurityContext> keys;
    private final Clock clock;

    IdTokenVerifier(String provider, OidcMetadata metadata, Set<String> acceptedIssuers, String clientId,
            JWKSource<SecurityContext> keys, Clock clock) {
        this.provider = provider;
        this.metadata = metadata;
        this.acceptedIssuers = Set.copyOf(acceptedIssuers);
        this.clientId = clientId;
        this.keys = keys;
        this.clock = clock;
    }

    /** The verified claims; {@code UNAUTHORIZED/invalid_id_token} or, when the keys are unreachable, {@code provider_error}. */
    JWTClaimsSet verify(String idToken, String nonce) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(metadata.signingAlgorithms(), keys));
        processor.setJWTClaimsSetVerifier(new ClaimsVerifier(nonce));
        try {
            return processor.process(idToken, null);
        } catch (RateLimitReachedException e) {
            throw ProviderFailures.invalidIdToken(provider, "no key matches and the JWK set was refreshed moments ago");
        } catch (KeySourceException e) {
            throw ProviderFailures.unavailable(provider, "JWK set unreachable", e);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw ProviderFailures.invalidIdToken(provider, e.getMessage());
        }
    }

    /** The claim checks, with the time taken from the injected clock. */
    private final class ClaimsVerifier extends DefaultJWTClaimsVerifier<SecurityContext> {

        ClaimsVerifier(String nonce) {
            super(Set.of(clientId), new JWTClaimsSet.Builder().claim("nonce", nonce).build(),
                    Set.of("iss", "sub", "aud", "exp", "iat", "nonce"), null);
        }

        @Override
        public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
            super.verify(claims, context);
            if (!acceptedIssuers.contains(claims.getIssuer())) {
                throw new BadJWTException("JWT iss claim rejected");
            }
            List<String> audience = claims.getAudience();
            Object authorizedParty = claims.getClaim("azp");
            if ((audience.size() > 1 || authorizedParty != null) && !clientId.equals(authorizedParty)) {
                throw new BadJWTException("JWT azp claim rejected");
            }
        }

        @Override
        protected Date currentTime() {
            return Date.from(clock.instant());
        }
    }
}
