package network.dpc.hub.application.fake;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import network.dpc.hub.application.port.out.UserRepository;
import network.dpc.hub.domain.shared.DomainException;
import network.dpc.hub.domain.shared.ErrorKind;
import network.dpc.hub.domain.user.Email;
import network.dpc.hub.domain.user.User;
import network.dpc.hub.domain.user.UserId;

/** Keeps users in a map, for fast use-case tests; passes the same contract as the PostgreSQL adapter. */
public final class InMemoryUserRepository implements UserRepository {

    private final Map<UserId, User> users = new ConcurrentHashMap<>();

    @Override
    public Optional<User> findById(UserId id) {
        return Optional.ofNullable(users.get(id));
    }

    @Override
    public Optional<User> findByEmail(Email email) {
        return users.values().stream().filter(u -> u.email().equals(email)).findFirst();
    }

    @Override
    public synchronized void save(User user) {
        boolean emailTaken = users.values().stream()
                .anyMatch(u -> u.email().equals(user.email()) && !u.id().equals(user.id()));
        if (emailTaken) {
            throw new DomainException(ErrorKind.CONFLICT, "email_taken", "Another account uses this e-mail address");
        }
        User stored = users.get(user.id());
        users.put(user.id(), stored == null ? user
                : new User(stored.id(), stored.email(), user.provider(), stored.createdAt(), user.tokensRevokedBefore()));
    }

    @Override
    public boolean delete(UserId id) {
        return users.remove(id) != null;
    }
}
