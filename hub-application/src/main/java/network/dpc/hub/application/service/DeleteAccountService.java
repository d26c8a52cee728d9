package network.dpc.hub.application.service;

import java.util.Objects;
import network.dpc.hub.application.auth.TokenAuthority;
import network.dpc.hub.application.port.in.DeleteAccountUseCase;
import network.dpc.hub.application.port.out.NodeIdentityRepository;
import network.dpc.hub.application.port.out.ProfileRepository;
import network.dpc.hub.application.port.out.SessionCloser;
import network.dpc.hub.application.port.out.UserRepository;
import network.dpc.hub.domain.node.NodeIdentity;
import network.dpc.hub.domain.signaling.SocketClose;
import network.dpc.hub.domain.user.UserId;

/**
 * Deletes a whole account. Every token of the user is cut off first (the cut-off outlives the account), then the
 * user goes and, in PostgreSQL, their nodes and profile with it in the same statement. The nodes and profile are
 * then removed explicitly for stores without cascades, and the sockets closed (4401).
 */
public final class DeleteAccountService implements DeleteAccountUseCase {

    private final TokenAuthority tokens;
    private final UserRepository users;
    private final NodeIdentityRepository nodes;
    private final ProfileRepository profiles;
    private final SessionCloser sessions;

    public DeleteAccountService(TokenAuthority tokens, UserRepository users, NodeIdentityRepository nodes, ProfileRepository profiles,
            SessionCloser sessions) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.users = Objects.requireNonNull(users, "users");
        this.nodes = Objects.requireNonNull(nodes, "nodes");
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
    }

    @Override
    public void delete(UserId user) {
        var held = nodes.findByOwner(user);
        tokens.revokeEverythingOf(user);
        users.delete(user);
        profiles.delete(user);
        for (NodeIdentity node : held.nodes()) {
            nodes.delete(user, node.nodeId());
        }
        sessions.closeUser(user, SocketClose.REVOKED);
    }
}
