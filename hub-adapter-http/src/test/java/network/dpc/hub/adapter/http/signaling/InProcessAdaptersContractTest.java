package network.dpc.hub.adapter.http.signaling;

import network.dpc.hub.application.contract.PresenceDirectoryContract;
import network.dpc.hub.application.contract.SignalDeliveryContract;
import network.dpc.hub.application.port.out.PresenceDirectory;
import network.dpc.hub.application.port.out.SignalDelivery;
import network.dpc.hub.application.port.out.SignalEndpoint;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.signaling.SessionTable;
import network.dpc.hub.domain.user.UserId;
import org.junit.jupiter.api.Nested;

/** The in-process adapters pass the same port contracts as the fakes (and, later, the cross-instance adapters). */
class InProcessAdaptersContractTest {

    @Nested
    class PresenceDirectoryInProcess extends PresenceDirectoryContract {
        @Override
        protected PresenceDirectory emptyDirectory() {
            return new InProcessPresenceDirectory();
        }
    }

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
}
