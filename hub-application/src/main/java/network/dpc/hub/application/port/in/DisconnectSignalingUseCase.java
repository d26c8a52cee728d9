package network.dpc.hub.application.port.in;

import network.dpc.hub.application.port.out.SignalEndpoint;
import network.dpc.hub.domain.signaling.SessionKey;

/** Forgets a socket that closed: its subscriptions, and its node's registration unless a newer socket holds it. */
public interface DisconnectSignalingUseCase {

    void disconnect(SessionKey key, SignalEndpoint endpoint);
}
