package network.dpc.hub.application.port.out;

import java.time.Instant;
import java.util.Optional;
import network.dpc.hub.domain.login.LoginAttempt;

/** Keeps sign-ins in progress between the redirect to the provider and its callback (any instance may answer). */
public interface LoginAttemptStore {

    void save(LoginAttempt attempt);

    /** Removes and returns the attempt with this state: a state can be taken once only. */
    Optional<LoginAttempt> take(String state);

    int purgeExpired(Instant now);
}
