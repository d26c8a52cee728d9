package network.dpc.hub.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import network.dpc.hub.application.port.out.LoginAttemptStore;
import network.dpc.hub.domain.login.LoginAttempt;
import network.dpc.hub.domain.login.Pkce;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link LoginAttemptStore} adapter must show; subclasses supply a fresh, empty store. */
public abstract class LoginAttemptStoreContract {

    protected static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");
    private static final SecureRandom RANDOM = new SecureRandom();

    private LoginAttemptStore store;

    protected abstract LoginAttemptStore emptyStore();

    @BeforeEach
    void setUpStore() {
        store = emptyStore();
    }

    /** A realistic attempt with fresh random secrets, expiring at {@code expiresAt}. */
    public static LoginAttempt attempt(Instant expiresAt, Optional<String> clientCodeChallenge) {
        return new LoginAttempt(randomUrlSafe(), "google", randomUrlSafe(), randomUrlSafe() + randomUrlSafe(),
                URI.create("http://127.0.0.1:8080/callback"), clientCodeChallenge, expiresAt);
    }

    /** A 43-character base64url string from 32 random bytes, the shape of the hub's states and codes. */
    public static String randomUrlSafe() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Test
    void takeReturnsTheSavedAttemptExactlyOnce() {
        LoginAttempt saved = attempt(NOW.plus(LoginAttempt.LIFETIME), Optional.empty());
        store.save(saved);

        assertThat(store.take(saved.state())).contains(saved);
        assertThat(store.take(saved.state())).as("a state is single-use").isEmpty();
    }

    @Test
    void keepsEveryFieldIncludingTheClientChallengeAndTellsAttemptsApart() {
        LoginAttempt plain = attempt(NOW.plus(LoginAttempt.LIFETIME), Optional.empty());
        LoginAttempt nativeClient = new LoginAttempt(randomUrlSafe(), "oidc", randomUrlSafe(), randomUrlSafe(),
                URI.create("http://[::1]:53682/done?x=1"), Optional.of(Pkce.challengeOf(randomUrlSafe())),
                NOW.plus(Duration.ofMinutes(3)));
        store.save(plain);
        store.save(nativeClient);

        assertThat(store.take(nativeClient.state())).contains(nativeClient);
        assertThat(store.take(plain.state())).contains(plain);
    }

    @Test
    void takingAnUnknownStateFindsNothingAndDisturbsNoOther() {
        LoginAttempt saved = attempt(NOW.plus(LoginAttempt.LIFETIME), Optional.empty());
        store.save(saved);

        assertThat(store.take(randomUrlSafe())).isEmpty();
        assertThat(store.take("")).isEmpty();
        assertThat(store.take(saved.state())).contains(saved);
    }

    @Test
    void aStateAlreadyInProgressIsNotReplaced() {
        LoginAttempt first = attempt(NOW.plus(LoginAttempt.LIFETIME), Optional.empty());
        LoginAttempt impostor = new LoginAttempt(first.state(), "github", randomUrlSafe(), randomUrlSafe(),
                URI.create("http://127.0.0.1:9999/evil"), Optional.empty(), first.expiresAt());
        store.save(first);

        assertThatThrownBy(() -> store.save(impostor)).isInstanceOf(IllegalStateException.class);
        assertThat(store.take(first.state())).contains(first);
    }

    @Test
    void takeLeavesTheExpiryDecisionToTheCaller() {
        LoginAttempt stale = attempt(NOW.minusSeconds(1), Optional.empty());
        store.save(stale);

        assertThat(store.take(stale.state())).contains(stale);
    }

    @Test
    void purgeRemovesExactlyTheAttemptsExpiredAtThatTimeAndCountsThem() {
        LoginAttempt earlier = attempt(NOW.minusSeconds(1), Optional.empty());
        LoginAttempt atNow = attempt(NOW, Optional.empty());
        LoginAttempt later = attempt(NOW.plusSeconds(1), Optional.of(Pkce.challengeOf(randomUrlSafe())));
        store.save(earlier);
        store.save(atNow);
        store.save(later);

        assertThat(store.purgeExpired(NOW)).isEqualTo(2);

        assertThat(store.take(earlier.state())).isEmpty();
        assertThat(store.take(atNow.state())).isEmpty();
        assertThat(store.take(later.state())).contains(later);
        assertThat(store.purgeExpired(NOW)).isZero();
    }

    @Test
    void concurrentTakesOfOneStateHaveExactlyOneWinner() {
        LoginAttempt saved = attempt(NOW.plus(LoginAttempt.LIFETIME), Optional.empty());
        store.save(saved);

        List<Optional<LoginAttempt>> results = ConcurrentCalls.race(8, () -> store.take(saved.state()));

        assertThat(results).filteredOn(Optional::isPresent).hasSize(1).first().isEqualTo(Optional.of(saved));
        assertThat(store.take(saved.state())).isEmpty();
    }
}
