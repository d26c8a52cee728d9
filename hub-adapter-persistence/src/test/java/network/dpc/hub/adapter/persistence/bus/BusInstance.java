package network.dpc.hub.adapter.persistence.bus;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import network.dpc.hub.adapter.persistence.DatabaseUrl;
import network.dpc.hub.adapter.persistence.PostgresDatabase;
import network.dpc.hub.application.fake.InMemoryNodeOwnership;
import network.dpc.hub.application.port.in.ConnectSignalingCommand;
import network.dpc.hub.application.port.in.RouteSignalCommand;
import network.dpc.hub.application.port.out.SignalDelivery;
import network.dpc.hub.application.port.out.SignalEndpoint;
import network.dpc.hub.application.service.PresenceService;
import network.dpc.hub.application.service.SignalingService;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.presence.PresenceStatus;
import network.dpc.hub.domain.presence.PresenceSubscriptions;
import network.dpc.hub.domain.signaling.RouteOutcome;
import network.dpc.hub.domain.signaling.SessionKey;
import network.dpc.hub.domain.signaling.SessionTable;
import network.dpc.hub.domain.signaling.TemporaryNodeIds;
import network.dpc.hub.domain.user.UserId;

/**
 * One hub instance without HTTP, for bus tests: its own pool on the shared database, its session table, the real
 * signaling and presence services, and a {@link PostgresInstanceBus} wired as the hub wires it.
 */
final class BusInstance implements AutoCloseable {

    final PostgresDatabase database;
    final SessionTable<SignalEndpoint> sessions = new SessionTable<>();
    final PresenceSubscriptions<SignalEndpoint> watchers = new PresenceSubscriptions<>();
    final PostgresInstanceBus bus;
    final SignalingService signaling;
    final PresenceService presence;
    final PostgresSessionCloser closer;

    BusInstance(DatabaseUrl url, String id, InstanceBusSettings settings) {
        database = PostgresDatabase.open(url, 4);
        SignalDelivery local = (target, frame) -> sessions.socketOf(target).<RouteOutcome>map(socket -> {
            try {
                socket.send(frame);
                return new RouteOutcome.Delivered(target.value());
            } catch (IllegalStateException full) {
                return new RouteOutcome.RelayFailed(target.value());
            }
        }).orElseGet(() -> new RouteOutcome.TargetOffline(target.value()));
        bus = new PostgresInstanceBus(database, id, settings, local, new SecureRandom());
        signaling = new SignalingService(sessions, watchers, bus, bus, new InMemoryNodeOwnership(),
                new TemporaryNodeIds("bus-test-key-of-enough-bytes".getBytes(StandardCharsets.UTF_8)),
                Clock.systemUTC());
        presence = new PresenceService(watchers, bus);
        closer = new PostgresSessionCloser(signaling, bus);
        bus.start(new PostgresInstanceBus.Receivers(signaling, signaling, signaling), Duration.ofSeconds(10));
    }

    SessionKey connect(UserId user, NodeId node, SignalEndpoint socket) {
        return signaling.connect(new ConnectSignalingCommand(user, node, socket));
    }

    RouteOutcome route(NodeId target, String frame) {
        return signaling.route(new RouteSignalCommand(target.value(), frame));
    }

    PresenceStatus statusOf(NodeId node) {
        return presence.query(List.of(node)).getFirst();
    }

    @Override
    public void close() {
        bus.close();
        database.close();
    }

    /** Dies without a goodbye: the bus stops and the pool closes abruptly. */
    void crash() {
        bus.abandon();
        database.close();
    }
}
