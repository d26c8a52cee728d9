package network.dpc.hub.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import network.dpc.hub.application.contract.HubCodeStoreContract;
import network.dpc.hub.application.contract.LoginAttemptStoreContract;
import network.dpc.hub.domain.login.HubCode;
import network.dpc.hub.domain.login.LoginAttempt;
import network.dpc.hub.domain.login.Pkce;
import network.dpc.hub.domain.user.Email;
import network.dpc.hub.domain.user.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A dump of the login tables must not hand out a login state or hub code that could be replayed. */
class LoginSecretsAtRestTest {

    private static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");

    @RegisterExtension
    static final MigratedDatabase database = new MigratedDatabase();

    @Test
    void noColumnOfLoginAttemptsHoldsTheClearState() {
        LoginAttempt attempt = LoginAttemptStoreContract.attempt(NOW.plus(LoginAttempt.LIFETIME),
                Optional.of(Pkce.challengeOf(LoginAttemptStoreContract.randomUrlSafe())));
        new JdbiLoginAttemptStore(database.jdbi()).save(attempt);

        List<String> rows = rowsAsText("login_attempts");

        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst()).doesNotContain(attempt.state()).doesNotContain(hexOf(attempt.state()))
                .contains(sha256Hex(attempt.state()));
    }

    @Test
    void noColumnOfHubCodesHoldsTheClearCode() {
        User user = User.register(new Email("alice@example.org"), "google", NOW);
        new JdbiUserRepository(database.jdbi()).save(user);
        HubCode code = HubCodeStoreContract.hubCode(user.id(), NOW.plus(HubCode.LIFETIME));
        new JdbiHubCodeStore(database.jdbi()).save(code);

        List<String> rows = rowsAsText("hub_codes");

        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst()).doesNotContain(code.code()).doesNotContain(hexOf(code.code()))
                .contains(sha256Hex(code.code()));
    }

    /** Every row of {@code table} rendered by PostgreSQL as one text value (bytea columns appear as hex). */
    private static List<String> rowsAsText(String table) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT t::text FROM " + table + " t")
                .mapTo(String.class).list());
    }

    private static String hexOf(String text) {
        return HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256Hex(String secret) {
        return HexFormat.of().formatHex(SecretHashes.sha256(secret));
    }
}
