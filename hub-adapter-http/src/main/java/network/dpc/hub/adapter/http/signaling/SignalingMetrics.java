package network.dpc.hub.adapter.http.signaling;

/**
 * What the signaling socket reports for the hub's metrics: error frames by code and closes by close code. Neither
 * carries a node id, a user or a payload.
 */
public interface SignalingMetrics {

    /** Reports nothing, for a socket whose owner keeps no metrics. */
    SignalingMetrics NONE = new SignalingMetrics() {
        @Override
        public void errorSent(String code) {
            // not measured
        }

        @Override
        public void socketClosed(int closeCode) {
            // not measured
        }
    };

    /** An error frame with this code of contract §6 was sent to a client. */
    void errorSent(String code);

    /** A socket of this instance closed with this WebSocket close code (1000, 1001, 1008, 4401, 4409, …). */
    void socketClosed(int closeCode);
}
