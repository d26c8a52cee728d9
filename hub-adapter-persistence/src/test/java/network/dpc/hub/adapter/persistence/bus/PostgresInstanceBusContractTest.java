package network.dpc.hub.adapter.persistence.bus;

import network.dpc.hub.adapter.persistence.TestDatabase;
import network.dpc.hub.application.contract.PresenceDirectoryContract;
import network.dpc.hub.application.contract.SignalDeliveryContract;
import network.dpc.hub.application.port.out.PresenceDirectory;
import network.dpc.hub.application.port.out.SignalDelivery;
import network.dpc.hub.application.port.out.SignalEndpoint;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.user.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/** The cross-instance adapter passes the same port contracts as the in-process adapters and the fakes. */
class PostgresInstanceBusContractTest {

    private BusInstance instance;

    @AfterEach
    void close() {
        if (instance != null) {
            instance.close();
        }
    }

    private BusInstance fresh() {
        instance = new BusInstance(TestDatabase.newEmptyDatabase(), "contract", InstanceBusSettings.defaults());
        return instance;
    }

    @Nested
    class AsPresenceDirectory extends PresenceDirectoryContract {
        @Override
        protected PresenceDirectory emptyDirectory() {
            return fresh().bus;
        }
    }

    @Nested
    class AsSignalDelivery extends SignalDeliveryContract {
        @Override
        protected SignalDelivery emptyDelivery() {
            return fresh().bus;
        }

        @Override
        protected void connect(NodeId node, SignalEndpoint endpoint) {
            instance.sessions.register(node, UserId.random(), endpoint);
        }
    }
}
