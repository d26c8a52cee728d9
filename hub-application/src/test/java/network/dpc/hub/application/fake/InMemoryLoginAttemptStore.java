package network.dpc.hub.application.fake;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import network.dpc.hub.application.port.out.LoginAttemptStore;
import network.dpc.hub.domain.login.LoginAttempt;

/** Keeps sign-ins in progress in a map, for fast use-case tests; passes the same contract as the PostgreSQL adapter. */
public final class InMemoryLoginAttemptStore implements LoginAttemptStore {

    private final Map<String, LoginAttempt> attempts = new ConcurrentHashMap<>();

    @Override
    public void save(LoginAttempt attempt) {
        if (attempts.putIfAbsent(attempt.state(), attempt) != null) {
            throw new IllegalStateException("a login attempt with this state is already in progress");
        }
    }

    @Override
    public Optional<LoginAttempt> take(String state) {
        return Optional.ofNullable(attempts.remove(Objects.requireNonNull(state, "state")));
    }

    @Override
    public int purgeExpired(Instant now) {
        return Expiry.removeExpired(attempts, attempt -> attempt.isExpiredAt(now));
    }
}
