package network.dpc.hub.application.port.in;

import network.dpc.hub.domain.presence.PresenceChange;

/** Tells this instance's sockets that watch a node about a presence change that happened on another instance. */
public interface AnnouncePresenceUseCase {

    void announce(PresenceChange change);
}
