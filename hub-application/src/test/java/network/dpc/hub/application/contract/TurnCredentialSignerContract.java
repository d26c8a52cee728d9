package network.dpc.hub.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import network.dpc.hub.application.port.out.TurnCredentialSigner;
import network.dpc.hub.domain.user.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link TurnCredentialSigner} must do; subclasses supply a fresh signer. */
public abstract class TurnCredentialSignerContract {

    private TurnCredentialSigner signer;

    protected abstract TurnCredentialSigner newSigner();

    @BeforeEach
    void setUp() {
        signer = newSigner();
    }

    @Test
    void aUserKeepsOneOpaqueHandleThatDiffersFromOtherUsersAndRevealsNothing() {
        UserId alice = UserId.random();
        UserId bob = UserId.random();

        String handle = signer.userHandle(alice);

        assertThat(signer.userHandle(alice)).isEqualTo(handle);
        assertThat(signer.userHandle(bob)).isNotEqualTo(handle);
        assertThat(handle).matches("[A-Za-z0-9]{1,64}")
                .doesNotContain(alice.toString()).doesNotContain(alice.toString().replace("-", ""));
    }

    @Test
    void passwordsAreDeterministicPerUsernameAndDifferBetweenUsernames() {
        assertThat(signer.password("1798790400:abc")).isEqualTo(signer.password("1798790400:abc"))
                .isNotEqualTo(signer.password("1798790401:abc")).isNotBlank();
    }
}
