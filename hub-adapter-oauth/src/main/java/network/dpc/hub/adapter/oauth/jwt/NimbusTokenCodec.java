package network.dpc.hub.adapter.oauth.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Date;
import java.util.Objects;
import java.util.Set;
import network.dpc.hub.application.port.out.TokenCodec;
import network.dpc.hub.domain.token.TokenClaims;
import network.dpc.hub.domain.token.TokenRejectedException;
import network.dpc.hub.domain.token.TokenType;
import network.dpc.hub.domain.user.UserId;

/**
 * Encodes and verifies the hub's JWTs with nimbus-jose-jwt, HMAC with the one configured algorithm: a token whose
 * header names any other algorithm ({@code none}, RS256, another HS size) is refused before any verification.
 */
public final class NimbusTokenCodec implements TokenCodec {

    private static final Set<JWSAlgorithm> SUPPORTED = Set.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384,
            JWSAlgorithm.HS512);
    private static final int MAX_TOKEN_LENGTH = 4096;

    private final JWSAlgorithm algorithm;
    private final MACSigner signer;
    private final MACVerifier verifier;

    /**
     * @param algorithm {@code HS256}, {@code HS384} or {@code HS512}
     * @param secret the key; at least as many bytes as the algorithm's hash (32, 48, 64)
     */
    public NimbusTokenCodec(String algorithm, String secret) {
        this.algorithm = JWSAlgorithm.parse(Objects.requireNonNull(algorithm, "algorithm"));
        if (!SUPPORTED.contains(this.algorithm)) {
            throw new IllegalArgumentException("unsupported token algorithm " + algorithm);
        }
        byte[] key = Objects.requireNonNull(secret, "secret").getBytes(StandardCharsets.UTF_8);
        try {
            this.signer = new MACSigner(key);
            this.verifier = new MACVerifier(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the secret key is too short for " + algorithm, e);
        }
        if (!signer.supportedJWSAlgorithms().contains(this.algorithm)) {
            throw new IllegalArgumentException("the secret key is too short for " + algorithm);
        }
    }

    /** The minimum secret length in bytes for an algorithm name. */
    public static int minimumSecretBytes(String algorithm) {
        return switch (algorithm) {
            case "HS384" -> 48;
            case "HS512" -> 64;
            default -> 32;
        };
    }

    @Override
    public String encode(TokenClaims claims) {
        JWTClaimsSet set = new JWTClaimsSet.Builder()
                .subject(claims.subject().toString())
                .claim("type", claims.type().claim())
                .issueTime(Date.from(claims.issuedAt()))
                .expirationTime(Date.from(claims.expiresAt()))
                .jwtID(claims.tokenId())
                .issuer(claims.issuer())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).build(), set);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a token", e);
        }
        return jwt.serialize();
    }

    @Override
    public TokenClaims decode(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw TokenRejectedException.invalid();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!algorithm.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                throw TokenRejectedException.invalid();
            }
            JWTClaimsSet set = jwt.getJWTClaimsSet();
            Date issued = set.getIssueTime();
            Date expires = set.getExpirationTime();
            if (set.getSubject() == null || issued == null || expires == null || set.getJWTID() == null
                    || set.getIssuer() == null) {
                throw TokenRejectedException.invalid();
            }
            return new TokenClaims(UserId.parse(set.getSubject()), TokenType.fromClaim(set.getStringClaim("type")),
                    set.getJWTID(), issued.toInstant(), expires.toInstant(), set.getIssuer());
        } catch (ParseException | JOSEException | IllegalArgumentException e) {
            throw TokenRejectedException.invalid();
        }
    }
}
