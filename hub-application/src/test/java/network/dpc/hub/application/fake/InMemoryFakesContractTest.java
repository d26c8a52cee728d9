package network.dpc.hub.application.fake;

import network.dpc.hub.application.contract.NodeOwnershipContract;
import network.dpc.hub.application.contract.PresenceDirectoryContract;
import network.dpc.hub.application.contract.SignalDeliveryContract;
import network.dpc.hub.application.port.out.NodeOwnership;
import network.dpc.hub.application.port.out.PresenceDirectory;
import network.dpc.hub.application.port.out.SignalDelivery;
import network.dpc.hub.application.port.out.SignalEndpoint;
import network.dpc.hub.domain.node.NodeId;
import org.junit.jupiter.api.Nested;

/** Runs the port contracts against the in-memory fakes, so tests that use the fakes test real behaviour. */
class InMemoryFakesContractTest {

    @Nested
    class PresenceDirectoryFake extends PresenceDirectoryContract {
        @Override
        protected PresenceDirectory emptyDirectory() {
            return new InMemoryPresenceDirectory();
        }
    }

    @Nested
    class NodeOwnershipFake extends NodeOwnershipContract {
        @Override
        protected NodeOwnership ownershipWithTwoNodesOfOwner() {
            return new InMemoryNodeOwnership().grant(OWNER, PRIMARY).grant(OWNER, SECOND);
        }
    }

    @Nested
    class SignalDeliveryFake extends SignalDeliveryContract {
        private final InMemorySignalDelivery delivery = new InMemorySignalDelivery();

        @Override
        protected SignalDelivery emptyDelivery() {
            return delivery;
        }

        @Override
        protected void connect(NodeId node, SignalEndpoint endpoint) {
            delivery.attach(node, endpoint);
        }
    }
}
