package network.dpc.hub.application.port.out;

import java.util.Optional;
import network.dpc.hub.domain.user.Email;
import network.dpc.hub.domain.user.User;
import network.dpc.hub.domain.user.UserId;

/** Stores user accounts; e-mail addresses are unique across accounts. */
public interface UserRepository {

    Optional<User> findById(UserId id);

    Optional<User> findByEmail(Email email);

    /**
     * Inserts the user, or updates provider and revocation cut-off of the account with that id.
     *
     * @throws network.dpc.hub.domain.shared.DomainException of kind CONFLICT ({@code email_taken}) when another
     *     account already has the e-mail address
     */
    void save(User user);

    /** Removes the account; returns whether it existed. */
    boolean delete(UserId id);
}
