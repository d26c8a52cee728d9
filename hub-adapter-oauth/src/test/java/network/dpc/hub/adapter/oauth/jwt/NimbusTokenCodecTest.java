package network.dpc.hub.adapter.oauth.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import network.dpc.hub.domain.token.TokenClaims;
import network.dpc.hub.domain.token.TokenRejectedException;
import network.dpc.hub.domain.token.TokenType;
import network.dpc.hub.domain.user.UserId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NimbusTokenCodecTest {

    private static final String SECRET = "a-test-secret-that-is-long-enough-for-hs512-0123456789abcdefghij";
    private static final Instant IAT = Instant.parse("2026-11-27T08:00:00Z");
    private final NimbusTokenCodec codec = new NimbusTokenCodec("HS256", SECRET);
    private final TokenClaims claims = new TokenClaims(UserId.random(), TokenType.ACCESS, "jti-1", IAT,
            IAT.plusSeconds(1800), "dpc-hub");

    @Test
    void roundTripsEveryClaimInAThreePartJwtWithTypJwt() throws Exception {
        String token = codec.encode(claims);

        assertThat(token.split("\\.")).hasSize(3);
        JsonNode header = json(token.split("\\.")[0]);
        assertThat(header.get("alg").asText()).isEqualTo("HS256");
        assertThat(header.get("typ").asText()).isEqualTo("JWT");
        JsonNode payload = json(token.split("\\.")[1]);
        assertThat(payload.get("exp").isNumber()).isTrue();
        assertThat(payload.get("exp").asLong()).isEqualTo(IAT.plusSeconds(1800).getEpochSecond());
        assertThat(payload.get("type").asText()).isEqualTo("access");
        assertThat(payload.get("sub").asText()).isEqualTo(claims.subject().toString());
        assertThat(codec.decode(token)).isEqualTo(claims);
    }

    @Test
    void refusesATamperedPayload() {
        String[] parts = codec.encode(claims).split("\\.");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(new String(
                Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("access", "refresh")
                .getBytes(StandardCharsets.UTF_8));

        assertRejected(parts[0] + "." + forged + "." + parts[2]);
    }

    @Test
    void refusesAnotherKey() {
        assertRejected(new NimbusTokenCodec("HS256", SECRET.replace('a', 'b')).encode(claims));
    }

    @Test
    void refusesAlgNone() {
        assertRejected(new PlainJWT(new PlainHeader.Builder().type(JOSEObjectType.JWT).build(), claimsSet())
                .serialize());
        String[] parts = codec.encode(claims).split("\\.");
        String noneHeader = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        assertRejected(noneHeader + "." + parts[1] + ".");
        assertRejected(noneHeader + "." + parts[1] + "." + parts[2]);
    }

    @Test
    void refusesAnotherHmacSizeEvenWithTheRightKey() throws Exception {
        SignedJWT hs512 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS512).type(JOSEObjectType.JWT).build(),
                claimsSet());
        hs512.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));

        assertRejected(hs512.serialize());
    }

    @Test
    void refusesRsaSignedTokensAndTheHsRsConfusion() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        SignedJWT rs256 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(),
                claimsSet());
        rs256.sign(new RSASSASigner(pair.getPrivate()));
        assertRejected(rs256.serialize());

        // Confusion attack: HS256 keyed with the server's (here: the attacker-known) public key bytes.
        NimbusTokenCodec confused = new NimbusTokenCodec("HS256",
                Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
        assertRejected(confused.encode(claims));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "a.b.c", "....", "eyJhbGciOiJIUzI1NiJ9.e30.", "not a token at all"})
    void refusesGarbage(String token) {
        assertRejected(token);
    }

    @Test
    void refusesOversizeTokensAndMissingClaims() throws Exception {
        assertRejected("a".repeat(5000));
        SignedJWT noJti = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
                new JWTClaimsSet.Builder().subject(claims.subject().toString()).claim("type", "access")
                        .issueTime(Date.from(IAT)).expirationTime(Date.from(IAT.plusSeconds(60))).issuer("dpc-hub")
                        .build());
        noJti.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        assertRejected(noJti.serialize());
    }

    @Test
    void requiresASecretLongEnoughForTheAlgorithm() {
        assertThatThrownBy(() -> new NimbusTokenCodec("HS512", "only-32-bytes-long-secret-012345"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NimbusTokenCodec("RS256", SECRET)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new NimbusTokenCodec("HS512", SECRET).encode(claims)).isNotBlank();
    }

    private JWTClaimsSet claimsSet() {
        return new JWTClaimsSet.Builder().subject(claims.subject().toString()).claim("type", "access")
                .issueTime(Date.from(IAT)).expirationTime(Date.from(IAT.plusSeconds(60))).jwtID("x")
                .issuer("dpc-hub").build();
    }

    private void assertRejected(String token) {
        assertThatThrownBy(() -> codec.decode(token)).isInstanceOfSatisfying(TokenRejectedException.class,
                e -> assertThat(e.code()).isEqualTo("invalid_token"));
    }

    private static JsonNode json(String base64) throws Exception {
        return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(base64));
    }
}
