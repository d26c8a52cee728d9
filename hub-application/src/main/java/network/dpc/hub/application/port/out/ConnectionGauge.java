package network.dpc.hub.application.port.out;

/** Counts the signaling sockets open on this instance. */
public interface ConnectionGauge {

    long openConnections();
}
