package network.dpc.hub.adapter.persistence;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import network.dpc.hub.application.port.out.LoginAttemptStore;
import network.dpc.hub.domain.login.LoginAttempt;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Keeps sign-ins in progress in PostgreSQL's {@code login_attempts}, keyed by the SHA-256 of their state. */
public final class JdbiLoginAttemptStore implements LoginAttemptStore {

    private final Jdbi jdbi;

    public JdbiLoginAttemptStore(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public void save(LoginAttempt attempt) {
        LoginAttemptRow row = LoginAttemptRow.from(attempt);
        try {
            jdbi.useExtension(LoginAttemptDao.class, dao -> dao.insert(row));
        } catch (UnableToExecuteStatementException e) {
            if (UniqueViolations.constraintOf(e).isPresent()) {
                throw new IllegalStateException("a login attempt with this state is already in progress", e);
            }
            throw e;
        }
    }

    @Override
    public Optional<LoginAttempt> take(String state) {
        byte[] hash = SecretHashes.sha256(Objects.requireNonNull(state, "state"));
        return jdbi.withExtension(LoginAttemptDao.class, dao -> dao.take(hash)).map(row -> row.toAttempt(state));
    }

    @Override
    public int purgeExpired(Instant now) {
        return jdbi.withExtension(LoginAttemptDao.class, dao -> dao.purgeExpired(now));
    }
}
