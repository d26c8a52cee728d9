package network.dpc.hub.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import network.dpc.hub.application.port.out.UserRepository;
import network.dpc.hub.domain.shared.DomainException;
import network.dpc.hub.domain.shared.ErrorKind;
import network.dpc.hub.domain.user.Email;
import network.dpc.hub.domain.user.User;
import network.dpc.hub.domain.user.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link UserRepository} adapter must show; subclasses supply a fresh, empty repository. */
public abstract class UserRepositoryContract {

    private static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");

    private UserRepository users;

    protected abstract UserRepository emptyRepository();

    @BeforeEach
    void setUp() {
        users = emptyRepository();
    }

    @Test
    void findsASavedUserByIdAndByEmail() {
        User alice = User.register(new Email("alice@example.org"), "google", NOW);
        users.save(alice);

        assertThat(users.findById(alice.id())).contains(alice);
        assertThat(users.findByEmail(new Email("ALICE@example.org"))).contains(alice);
    }

    @Test
    void returnsEmptyForUnknownUsers() {
        assertThat(users.findById(UserId.random())).isEmpty();
        assertThat(users.findByEmail(new Email("nobody@example.org"))).isEmpty();
    }

    @Test
    void savingAgainUpdatesProviderAndCutOffButKeepsIdentity() {
        User alice = User.register(new Email("alice@example.org"), "google", NOW);
        users.save(alice);
        Instant cutOff = NOW.plus(1, ChronoUnit.HOURS);

        users.save(alice.signedInWith("github").revokeTokensIssuedBefore(cutOff));

        User stored = users.findById(alice.id()).orElseThrow();
        assertThat(stored.provider()).isEqualTo("github");
        assertThat(stored.tokensRevokedBefore()).contains(cutOff);
        assertThat(stored.createdAt()).isEqualTo(NOW);
        assertThat(stored.email()).isEqualTo(alice.email());
    }

    @Test
    void refusesASecondAccountWithTheSameEmail() {
        users.save(User.register(new Email("alice@example.org"), "google", NOW));
        User impostor = User.register(new Email("Alice@Example.org"), "github", NOW);

        assertThatThrownBy(() -> users.save(impostor))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT);
                    assertThat(e.code()).isEqualTo("email_taken");
                });
        assertThat(users.findById(impostor.id())).isEmpty();
    }

    @Test
    void deleteRemovesTheAccountOnce() {
        User alice = User.register(new Email("alice@example.org"), "google", NOW);
        users.save(alice);

        assertThat(users.delete(alice.id())).isTrue();
        assertThat(users.delete(alice.id())).isFalse();
        assertThat(users.findById(alice.id())).isEmpty();
        assertThat(users.findByEmail(alice.email())).isEmpty();
    }
}
