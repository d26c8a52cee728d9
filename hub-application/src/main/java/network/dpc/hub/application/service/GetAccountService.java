package network.dpc.hub.application.service;

import java.util.Objects;
import network.dpc.hub.application.port.in.GetAccountUseCase;
import network.dpc.hub.application.port.out.NodeIdentityRepository;
import network.dpc.hub.application.port.out.UserRepository;
import network.dpc.hub.domain.token.TokenRejectedException;
import network.dpc.hub.domain.user.UserId;

/** Assembles the caller's account view from the user and node stores. */
public final class GetAccountService implements GetAccountUseCase {

    private final UserRepository users;
    private final NodeIdentityRepository nodes;

    public GetAccountService(UserRepository users, NodeIdentityRepository nodes) {
        this.users = Objects.requireNonNull(users, "users");
        this.nodes = Objects.requireNonNull(nodes, "nodes");
    }

    @Override
    public AccountView account(UserId userId) {
        return users.findById(userId).map(user -> new AccountView(user, nodes.findByOwner(userId)))
                .orElseThrow(TokenRejectedException::invalid);
    }
}
