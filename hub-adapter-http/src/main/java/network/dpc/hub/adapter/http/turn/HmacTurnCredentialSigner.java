package network.dpc.hub.adapter.http.turn;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import network.dpc.hub.application.port.out.TurnCredentialSigner;
import network.dpc.hub.domain.user.UserId;

/**
 * The TURN REST API signer with the JDK's HMACs: passwords are base64(HMAC-SHA1(secret, username)) as coturn's
 * {@code use-auth-secret} checks them; user handles are 16 bytes of HMAC-SHA256(secret, user id) in hex, stable per
 * user and meaningless without the secret.
 */
public final class HmacTurnCredentialSigner implements TurnCredentialSigner {

    private static final int HANDLE_BYTES = 16;

    private final SecretKeySpec sha1Key;
    private final SecretKeySpec sha256Key;

    public HmacTurnCredentialSigner(String secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("the TURN secret must not be empty");
        }
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        this.sha1Key = new SecretKeySpec(bytes, "HmacSHA1");
        this.sha256Key = new SecretKeySpec(bytes, "HmacSHA256");
    }

    @Override
    public String userHandle(UserId user) {
        byte[] mac = hmac(sha256Key, "dpc-hub turn user\n" + user.value());
        return HexFormat.of().formatHex(Arrays.copyOf(mac, HANDLE_BYTES));
    }

    @Override
    public String password(String username) {
        return Base64.getEncoder().encodeToString(hmac(sha1Key, username));
    }

    private static byte[] hmac(SecretKeySpec key, String text) {
        try {
            Mac mac = Mac.getInstance(key.getAlgorithm());
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(key.getAlgorithm() + " is part of every JDK", e);
        }
    }
}
