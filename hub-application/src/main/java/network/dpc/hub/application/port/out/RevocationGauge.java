package network.dpc.hub.application.port.out;

/** Counts token revocations that are still in force (not yet past the token's own expiry). */
public interface RevocationGauge {

    long liveRevocations();
}
