package network.dpc.hub.application.port.in;

import network.dpc.hub.domain.user.UserId;

/**
 * Deletes a whole account: the user, their nodes and their profile; every token of theirs stops working and their
 * signaling sockets are closed.
 */
public interface DeleteAccountUseCase {

    void delete(UserId user);
}
