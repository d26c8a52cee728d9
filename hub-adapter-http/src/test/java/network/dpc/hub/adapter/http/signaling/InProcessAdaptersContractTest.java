package network.dpc.hub.adapter.http.signaling;

import network.dpc.hub.application.contract.SignalDeliveryContract;
import network.dpc.hub.application.port.out.SignalDelivery;
import network.dpc.hub.application.port.out.SignalEndpoint;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.signaling.SessionTable;
import network.dpc.hub.domain.user.UserId;
import org.junit.jupiter.api.Nested;

/**
 * The in-process delivery passes the same port contract as the fake and the cross-instance bus, and so does an
 * adapter that keeps the port's default for relaying without waiting.
 */
class InProcessAdaptersContractTest {

    @Nested
    class SignalDeliveryInProcess extends SignalDeliveryContract {
        private final SessionTable<SignalEndpoint> sessions = new SessionTable<>();

        @Override
        protected SignalDelivery emptyDelivery() {
            return new InProcessSignalDelivery(sessions);
        }

        @Override
        protected void connect(NodeId node, SignalEndpoint endpoint) {
            sessions.register(node, UserId.random(), endpoint);
        }
    }

    /** An adapter keeping {@code deliverWithoutWaiting}'s default (always empty) still passes the contract. */
    @Nested
    class SignalDeliveryByDefaultOnlyWaiting extends SignalDeliveryContract {
        private final SessionTable<SignalEndpoint> sessions = new SessionTable<>();

        @Override
        protected SignalDelivery emptyDelivery() {
            SignalDelivery inProcess = new InProcessSignalDelivery(sessions);
            return inProcess::deliver;
        }

        @Override
        protected void connect(NodeId node, SignalEndpoint endpoint) {
            sessions.register(node, UserId.random(), endpoint);
        }

        @Override
        protected boolean deliversLocallyWithoutWaiting() {
            return false;
        }
    }
}
