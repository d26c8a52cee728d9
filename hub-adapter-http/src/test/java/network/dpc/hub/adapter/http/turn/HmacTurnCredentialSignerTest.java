package network.dpc.hub.adapter.http.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.HexFormat;
import network.dpc.hub.application.contract.TurnCredentialSignerContract;
import network.dpc.hub.application.port.out.TurnCredentialSigner;
import org.junit.jupiter.api.Test;

class HmacTurnCredentialSignerTest extends TurnCredentialSignerContract {

    @Override
    protected TurnCredentialSigner newSigner() {
        return new HmacTurnCredentialSigner("turn-shared-secret");
    }

    @Test
    void thePasswordIsBase64OfHmacSha1AsRfc2202ComputesIt() {
        // RFC 2202, HMAC-SHA1 test case 2: key "Jefe", data "what do ya want for nothing?".
        byte[] expected = HexFormat.of().parseHex("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");

        String password = new HmacTurnCredentialSigner("Jefe").password("what do ya want for nothing?");

        assertThat(Base64.getDecoder().decode(password)).isEqualTo(expected);
    }

    @Test
    void handlesDependOnTheSecret() {
        var user = network.dpc.hub.domain.user.UserId.random();

        assertThat(new HmacTurnCredentialSigner("one secret").userHandle(user))
                .isNotEqualTo(new HmacTurnCredentialSigner("another secret").userHandle(user))
                .hasSize(32);
    }

    @Test
    void anEmptySecretIsRefused() {
        assertThatThrownBy(() -> new HmacTurnCredentialSigner("")).isInstanceOf(IllegalArgumentException.class);
    }
}
