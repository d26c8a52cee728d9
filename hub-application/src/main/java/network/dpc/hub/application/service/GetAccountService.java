package network.dpc.hub.application.service;

import java.util.Objects;
import network.dpc.hub.application.port.in.GetAccountUseCase;
import network.dpc.hub.application.port.out.NodeIdentityRepository;
import network.dpc.hub.application.port.out.ProfileRepository;
import network.dpc.hub.application.port.out.UserRepository;
import network.dpc.hub.domain.token.TokenRejectedException;
import network.dpc.hub.domain.user.UserId;

/** Assembles the caller's account view from the user, node and profile stores. */
public final class GetAccountService implements GetAccountUseCase {

    private final UserRepository users;
    private final NodeIdentityRepository nodes;
    private final ProfileRepository profiles;

    public GetAccountService(UserRepository users, NodeIdentityRepository nodes, ProfileRepository profiles) {
        this.users = Objects.requireNonNull(users, "users");
        this.nodes = Objects.requireNonNull(nodes, "nodes");
        this.profiles = Objects.requireNonNull(profiles, "profiles");
    }

    @Override
    public AccountView account(UserId userId) {
        return users.findById(userId).map(user -> new AccountView(user, nodes.findByOwner(userId),
                profiles.findByOwner(userId))).orElseThrow(TokenRejectedException::invalid);
    }
}
