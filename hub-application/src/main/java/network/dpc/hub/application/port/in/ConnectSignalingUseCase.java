package network.dpc.hub.application.port.in;

import network.dpc.hub.domain.signaling.SessionKey;

/** Registers an open socket as its node's current one, replacing (and closing) an older socket of the node. */
public interface ConnectSignalingUseCase {

    /** Returns the key the socket must present when it closes. */
    SessionKey connect(ConnectSignalingCommand command);
}
