package network.dpc.hub.adapter.persistence;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import network.dpc.hub.application.port.out.HubCodeStore;
import network.dpc.hub.domain.login.HubCode;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Keeps one-time hub codes in PostgreSQL's {@code hub_codes}, keyed by the SHA-256 of the code. */
public final class JdbiHubCodeStore implements HubCodeStore {

    private final Jdbi jdbi;

    public JdbiHubCodeStore(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public void save(HubCode code) {
        HubCodeRow row = HubCodeRow.from(code);
        try {
            jdbi.useExtension(HubCodeDao.class, dao -> dao.insert(row));
        } catch (UnableToExecuteStatementException e) {
            if (UniqueViolations.constraintOf(e).isPresent()) {
                throw new IllegalStateException("this hub code is already in use", e);
            }
            throw e;
        }
    }

    @Override
    public Optional<HubCode> take(String code) {
        byte[] hash = SecretHashes.sha256(Objects.requireNonNull(code, "code"));
        return jdbi.withExtension(HubCodeDao.class, dao -> dao.take(hash)).map(row -> row.toHubCode(code));
    }

    @Override
    public int purgeExpired(Instant now) {
        return jdbi.withExtension(HubCodeDao.class, dao -> dao.purgeExpired(now));
    }
}
