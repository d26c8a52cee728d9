package network.dpc.hub.application.port.in;

import java.util.Objects;
import java.util.Optional;
import network.dpc.hub.domain.node.UserNodes;
import network.dpc.hub.domain.profile.Profile;
import network.dpc.hub.domain.user.User;
import network.dpc.hub.domain.user.UserId;

/** Shows the signed-in user their own account. */
public interface GetAccountUseCase {

    /** @throws network.dpc.hub.domain.token.TokenRejectedException when the account no longer exists */
    AccountView account(UserId userId);

    /** The account with its registered nodes, newest (primary) first, and its profile if it has one. */
    record AccountView(User user, UserNodes nodes, Optional<Profile> profile) {

        public AccountView {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(nodes, "nodes");
            Objects.requireNonNull(profile, "profile");
        }
    }
}
