package network.dpc.hub.application.port.in;

import network.dpc.hub.domain.signaling.SessionKey;
import network.dpc.hub.domain.signaling.SocketClose;

/**
 * Closes one registration of this instance because a newer socket of its node opened elsewhere; a registration
 * that is no longer its node's current one is left alone, so a newer local socket is never closed by mistake.
 */
public interface ReleaseSessionUseCase {

    /** Returns whether the socket registered as {@code key} was still current and is now being closed. */
    boolean release(SessionKey key, SocketClose reason);
}
