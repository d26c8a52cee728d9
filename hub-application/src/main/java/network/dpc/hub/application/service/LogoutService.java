package network.dpc.hub.application.service;

import java.util.Objects;
import network.dpc.hub.application.auth.TokenAuthority;
import network.dpc.hub.application.port.in.Caller;
import network.dpc.hub.application.port.in.LogoutUseCase;
import network.dpc.hub.application.port.out.NodeOwnership;
import network.dpc.hub.application.port.out.SessionCloser;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.signaling.SocketClose;
import network.dpc.hub.domain.token.TokenClaims;
import network.dpc.hub.domain.token.TokenRejectedException;
import network.dpc.hub.domain.token.TokenType;

/**
 * Signs a user out: revokes the presented access token, the user's own refresh token when one is sent, or every
 * token issued so far, and closes the user's signaling sockets.
 */
public final class LogoutService implements LogoutUseCase {

    private final TokenAuthority tokens;
    private final SessionCloser sessions;
    private final NodeOwnership nodes;

    public LogoutService(TokenAuthority tokens, SessionCloser sessions, NodeOwnership nodes) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.nodes = Objects.requireNonNull(nodes, "nodes");
    }

    @Override
    public LogoutResult logout(LogoutCommand command) {
        Caller caller = command.caller();
        tokens.revoke(caller.tokenId(), caller.tokenExpiresAt());
        command.refreshToken().ifPresent(refresh -> revokeOwnRefreshToken(caller, refresh));
        if (command.everywhere()) {
            tokens.revokeAllOf(caller.userId());
        }
        sessions.closeUser(caller.userId(), SocketClose.REVOKED);
        return new LogoutResult(nodes.primaryNode(caller.userId()).map(NodeId::value));
    }

    /** Revokes the refresh token if it is a valid one of the caller; anything else is left alone. */
    private void revokeOwnRefreshToken(Caller caller, String refreshToken) {
        try {
            TokenClaims refresh = tokens.verify(refreshToken, TokenType.REFRESH);
            if (refresh.subject().equals(caller.userId())) {
                tokens.revoke(refresh.tokenId(), refresh.expiresAt());
            }
        } catch (TokenRejectedException alreadyUnusable) {
            // an expired, revoked or foreign refresh token needs no revocation
        }
    }
}
