package network.dpc.hub.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import network.dpc.hub.application.fake.InMemoryTurnCredentialSigner;
import network.dpc.hub.application.fake.MutableClock;
import network.dpc.hub.application.port.in.IssueTurnCredentialsUseCase.TurnCredentials;
import network.dpc.hub.domain.shared.DomainException;
import network.dpc.hub.domain.shared.ErrorKind;
import network.dpc.hub.domain.user.UserId;
import org.junit.jupiter.api.Test;

class IssueTurnCredentialsServiceTest {

    private static final List<String> URIS = List.of("turn:turn.example.org:3478?transport=udp",
            "turns:turn.example.org:5349");
    private final MutableClock clock = MutableClock.at("2026-11-27T08:00:00Z");
    private final InMemoryTurnCredentialSigner signer = new InMemoryTurnCredentialSigner();

    @Test
    void usernameIsTheExpiryAndTheUsersHandleAndThePasswordIsTheSignersAnswer() {
        var service = new IssueTurnCredentialsService(Optional.of(signer), URIS, Duration.ofHours(6), clock);
        UserId alice = UserId.random();

        TurnCredentials credentials = service.issue(alice);

        long expiry = Instant.parse("2026-11-27T14:00:00Z").getEpochSecond();
        assertThat(credentials.username()).isEqualTo(expiry + ":" + signer.userHandle(alice));
        assertThat(credentials.password()).isEqualTo(signer.signed().get(credentials.username()));
        assertThat(credentials.ttl()).isEqualTo(Duration.ofHours(6));
        assertThat(credentials.uris()).isEqualTo(URIS);
    }

    @Test
    void theExpiryFollowsTheClockAndTheHandleStaysTheSame() {
        var service = new IssueTurnCredentialsService(Optional.of(signer), URIS, Duration.ofMinutes(10), clock);
        UserId alice = UserId.random();
        TurnCredentials first = service.issue(alice);

        clock.advance(Duration.ofMinutes(3));
        TurnCredentials second = service.issue(alice);

        assertThat(Long.parseLong(second.username().split(":")[0]) - Long.parseLong(first.username().split(":")[0]))
                .isEqualTo(180);
        assertThat(second.username().split(":")[1]).isEqualTo(first.username().split(":")[1]);
        assertThat(service.issue(UserId.random()).username().split(":")[1])
                .isNotEqualTo(first.username().split(":")[1]);
    }

    @Test
    void withoutASecretOrWithoutServersTurnIsUnavailableAndNothingIsSigned() {
        var noSecret = new IssueTurnCredentialsService(Optional.empty(), URIS, Duration.ofHours(1), clock);
        var noServers = new IssueTurnCredentialsService(Optional.of(signer), List.of(), Duration.ofHours(1), clock);

        for (var service : List.of(noSecret, noServers)) {
            assertThat(service.configured()).isFalse();
            assertThatThrownBy(() -> service.issue(UserId.random()))
                    .isInstanceOfSatisfying(DomainException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
                        assertThat(e.code()).isEqualTo("turn_not_configured");
                    });
        }
        assertThat(signer.signed()).isEmpty();
    }
}
