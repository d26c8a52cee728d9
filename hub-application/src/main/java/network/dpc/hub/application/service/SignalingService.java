package network.dpc.hub.application.service;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import network.dpc.hub.application.port.in.AnnouncePresenceUseCase;
import network.dpc.hub.application.port.in.AuthorizeSignalingCommand;
import network.dpc.hub.application.port.in.AuthorizeSignalingUseCase;
import network.dpc.hub.application.port.in.ConnectSignalingCommand;
import network.dpc.hub.application.port.in.ConnectSignalingUseCase;
import network.dpc.hub.application.port.in.DisconnectSignalingUseCase;
import network.dpc.hub.application.port.in.ReleaseSessionUseCase;
import network.dpc.hub.application.port.in.RouteSignalCommand;
import network.dpc.hub.application.port.in.RouteSignalUseCase;
import network.dpc.hub.application.port.out.NodeOwnership;
import network.dpc.hub.application.port.out.PresenceDirectory;
import network.dpc.hub.application.port.out.SessionCloser;
import network.dpc.hub.application.port.out.SignalDelivery;
import network.dpc.hub.application.port.out.SignalEndpoint;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.presence.PresenceChange;
import network.dpc.hub.domain.presence.PresenceSubscriptions;
import network.dpc.hub.domain.shared.DomainException;
import network.dpc.hub.domain.shared.ErrorKind;
import network.dpc.hub.domain.signaling.Departure;
import network.dpc.hub.domain.signaling.Registration;
import network.dpc.hub.domain.signaling.RouteOutcome;
import network.dpc.hub.domain.signaling.SessionKey;
import network.dpc.hub.domain.signaling.SessionTable;
import network.dpc.hub.domain.signaling.SocketClose;
import network.dpc.hub.domain.signaling.TemporaryNodeIds;
import network.dpc.hub.domain.user.UserId;

/**
 * The signaling hot path of this instance: chooses the node a socket speaks for, keeps the session table (newer
 * socket wins), publishes presence changes (its own, and those other instances report), relays signals and closes
 * sockets for the rest of the hub.
 */
public final class SignalingService implements AuthorizeSignalingUseCase, ConnectSignalingUseCase,
        DisconnectSignalingUseCase, RouteSignalUseCase, SessionCloser, AnnouncePresenceUseCase,
        ReleaseSessionUseCase {

    /**
     * A stripe is held across the directory's database round trip (a batched presence claim or release, a few
     * milliseconds), so two nodes sharing one must wait for each other: with 64 stripes, the few dozen sockets that
     * open at once in a burst of 2,000 per second collided on almost every round trip.
     */
    private static final int LOCK_STRIPES = 4096;

    private final SessionTable<SignalEndpoint> sessions;
    private final PresenceSubscriptions<SignalEndpoint> watchers;
    private final PresenceDirectory directory;
    private final SignalDelivery delivery;
    private final NodeOwnership ownership;
    private final TemporaryNodeIds temporaryIds;
    private final Clock clock;
    /** Serialises registration changes and their presence effects per node, so "offline" never overtakes "online". */
    private final ReentrantLock[] nodeLocks = new ReentrantLock[LOCK_STRIPES];

    public SignalingService(SessionTable<SignalEndpoint> sessions, PresenceSubscriptions<SignalEndpoint> watchers,
            PresenceDirectory directory, SignalDelivery delivery, NodeOwnership ownership,
            TemporaryNodeIds temporaryIds, Clock clock) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.watchers = Objects.requireNonNull(watchers, "watchers");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.delivery = Objects.requireNonNull(delivery, "delivery");
        this.ownership = Objects.requireNonNull(ownership, "ownership");
        this.temporaryIds = Objects.requireNonNull(temporaryIds, "temporaryIds");
        this.clock = Objects.requireNonNull(clock, "clock");
        for (int i = 0; i < LOCK_STRIPES; i++) {
            nodeLocks[i] = new ReentrantLock();
        }
    }

    @Override
    public NodeId authorize(AuthorizeSignalingCommand command) {
        UserId user = command.user();
        if (command.requestedNode().isPresent()) {
            String requested = command.requestedNode().get();
            if (!NodeId.isRegistrable(requested) || !ownership.owns(user, new NodeId(requested))) {
                throw new DomainException(ErrorKind.FORBIDDEN, "node_not_owned", "Not allowed to open this socket");
            }
            return new NodeId(requested);
        }
        return ownership.primaryNode(user).orElseGet(() -> temporaryIds.forUser(user));
    }

    @Override
    public SessionKey connect(ConnectSignalingCommand command) {
        NodeId node = command.node();
        Registration<SignalEndpoint> registration = underNodeLock(node, () -> {
            boolean onlineBefore = directory.isOnline(node);
            Registration<SignalEndpoint> registered = sessions.register(node, command.user(), command.endpoint());
            directory.nodeOnline(registered.key());
            if (!registered.replacedAnother() && !onlineBefore) {
                announce(new PresenceChange(node, true));
            }
            return registered;
        });
        registration.displaced().ifPresent(older -> older.close(SocketClose.REPLACED));
        return registration.key();
    }

    @Override
    public void disconnect(SessionKey key, SignalEndpoint endpoint) {
        watchers.drop(endpoint);
        NodeId node = key.node();
        underNodeLock(node, () -> {
            switch (sessions.unregister(key)) {
                case Departure.WentOffline offline -> {
                    directory.nodeOffline(offline.node(), clock.instant());
                    if (!directory.isOnline(offline.node())) {
                        announce(new PresenceChange(offline.node(), false)); // not still online on another instance
                    }
                }
                case Departure.Superseded superseded -> {
                    // A newer socket speaks for the node: its presence is unchanged.
                }
            }
            return null;
        });
    }

    @Override
    public RouteOutcome route(RouteSignalCommand command) {
        return nodeIdOf(command.target()).map(target -> delivery.deliver(target, command.frame()))
                .orElseGet(() -> new RouteOutcome.TargetOffline(command.target()));
    }

    @Override
    public Optional<RouteOutcome> routeWithoutWaiting(RouteSignalCommand command) {
        return nodeIdOf(command.target()).map(target -> delivery.deliverWithoutWaiting(target, command.frame()))
                .orElseGet(() -> Optional.of(new RouteOutcome.TargetOffline(command.target())));
    }

    @Override
    public int closeUser(UserId user, SocketClose reason) {
        List<SignalEndpoint> sockets = sessions.socketsOf(user);
        sockets.forEach(socket -> socket.close(reason));
        return sockets.size();
    }

    @Override
    public int closeNode(NodeId node, SocketClose reason) {
        return sessions.socketOf(node).map(socket -> {
            socket.close(reason);
            return 1;
        }).orElse(0);
    }

    @Override
    public void announce(PresenceChange change) {
        Objects.requireNonNull(change, "change");
        for (SignalEndpoint watcher : watchers.watchersOf(change.node())) {
            try {
                watcher.presenceChanged(change);
            } catch (IllegalStateException closing) {
                // That watcher's socket is closing; its own disconnect drops its subscriptions.
            }
        }
    }

    @Override
    public boolean release(SessionKey key, SocketClose reason) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(reason, "reason");
        SignalEndpoint socket = underNodeLock(key.node(),
                () -> sessions.isCurrent(key) ? sessions.socketOf(key.node()).orElse(null) : null);
        if (socket == null) {
            return false;
        }
        socket.close(reason);
        return true;
    }

    /**
     * Runs {@code work} holding the node's stripe: a {@link ReentrantLock}, not a monitor, because the holder waits
     * for a database statement, and on Java 21 a virtual thread that waits inside {@code synchronized} pins its
     * carrier (two carriers on two cores).
     */
    private <T> T underNodeLock(NodeId node, Supplier<T> work) {
        ReentrantLock lock = nodeLocks[Math.floorMod(node.hashCode(), LOCK_STRIPES)];
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    /** The target as a node id; empty when it is not one (then no socket can hold it). */
    private static Optional<NodeId> nodeIdOf(String text) {
        try {
            return Optional.of(new NodeId(text));
        } catch (IllegalArgumentException notANodeId) {
            return Optional.empty();
        }
    }
}
