package network.dpc.hub.application.port.out;

import network.dpc.hub.domain.presence.PresenceChange;
import network.dpc.hub.domain.signaling.SocketClose;

/** One open signaling socket on this instance, as the use cases see it: it takes frames and can be closed. */
public interface SignalEndpoint {

    /**
     * Queues a text frame for the client without waiting for it to be written.
     *
     * @throws IllegalStateException when the socket cannot take it: it is closed, or its outbound queue is full
     *     (the socket is then closed as a slow reader)
     */
    void send(String frame);

    /** Tells the client that a node it watches came online or went offline. */
    void presenceChanged(PresenceChange change);

    /** Closes the socket with the given code and reason; closing an already closed socket does nothing. */
    void close(SocketClose reason);
}
