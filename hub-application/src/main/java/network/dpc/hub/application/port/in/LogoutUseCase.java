package network.dpc.hub.application.port.in;

import java.util.Objects;
import java.util.Optional;

/** Revokes the caller's tokens and closes their signaling sockets. */
public interface LogoutUseCase {

    LogoutResult logout(LogoutCommand command);

    /**
     * @param refreshToken a refresh token of the same user to revoke as well
     * @param everywhere revoke every token of the user issued so far ({@code ?all=true})
     */
    record LogoutCommand(Caller caller, Optional<String> refreshToken, boolean everywhere) {

        public LogoutCommand {
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(refreshToken, "refreshToken");
        }
    }

    /** @param primaryNodeId the user's primary node id, if any, for the response */
    record LogoutResult(Optional<String> primaryNodeId) {
    }
}
