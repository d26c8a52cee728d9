package network.dpc.hub.adapter.persistence;

import java.util.Optional;
import network.dpc.hub.application.port.out.UserRepository;
import network.dpc.hub.domain.shared.DomainException;
import network.dpc.hub.domain.shared.ErrorKind;
import network.dpc.hub.domain.user.Email;
import network.dpc.hub.domain.user.User;
import network.dpc.hub.domain.user.UserId;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Stores user accounts in PostgreSQL's {@code users} table. */
public final class JdbiUserRepository implements UserRepository {

    private final Jdbi jdbi;

    public JdbiUserRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<User> findById(UserId id) {
        return jdbi.withExtension(UserDao.class, dao -> dao.findById(id.value())).map(UserRow::toUser);
    }

    @Override
    public Optional<User> findByEmail(Email email) {
        return jdbi.withExtension(UserDao.class, dao -> dao.findByEmail(email.value())).map(UserRow::toUser);
    }

    @Override
    public void save(User user) {
        try {
            jdbi.useExtension(UserDao.class, dao -> dao.upsert(UserRow.from(user)));
        } catch (UnableToExecuteStatementException e) {
            if (UniqueViolations.constraintOf(e).isPresent()) {
                throw new DomainException(ErrorKind.CONFLICT, "email_taken",
                        "Another account uses this e-mail address");
            }
            throw e;
        }
    }

    @Override
    public boolean delete(UserId id) {
        return jdbi.withExtension(UserDao.class, dao -> dao.delete(id.value())) > 0;
    }
}
