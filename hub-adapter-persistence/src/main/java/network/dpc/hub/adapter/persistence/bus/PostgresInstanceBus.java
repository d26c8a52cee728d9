package network.dpc.hub.adapter.persistence.bus;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import network.dpc.hub.adapter.persistence.PostgresDatabase;
import network.dpc.hub.adapter.persistence.StatementBatcher;
import network.dpc.hub.application.port.in.AnnouncePresenceUseCase;
import network.dpc.hub.application.port.in.ReleaseSessionUseCase;
import network.dpc.hub.application.port.out.InstanceBusProbe;
import network.dpc.hub.application.port.out.PresenceDirectory;
import network.dpc.hub.application.port.out.PresenceLookup;
import network.dpc.hub.application.port.out.SessionCloser;
import network.dpc.hub.application.port.out.SignalDelivery;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.presence.PresenceChange;
import network.dpc.hub.domain.presence.PresenceStatus;
import network.dpc.hub.domain.signaling.RouteOutcome;
import network.dpc.hub.domain.signaling.SessionKey;
import network.dpc.hub.domain.signaling.SocketClose;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several hub instances on one PostgreSQL, joined by {@code LISTEN/NOTIFY}: the cross-instance adapter of the
 * signal-delivery and presence-directory ports. Each instance listens on its own channel and a shared one over a
 * dedicated connection, keeps an in-memory replica of node → instance (never who talks to whom), relays a signal to
 * the instance holding its target (frames over the notification limit wait sealed in a transit row that the
 * receiver deletes as it reads), heartbeats, sweeps instances that died without a goodbye, and reconnects,
 * re-listens and re-announces its nodes by itself after the database or the connection comes back.
 */
public final class PostgresInstanceBus implements SignalDelivery, PresenceDirectory, PresenceLookup,
        InstanceBusProbe, AutoCloseable {

    /** A notification payload must stay under 8,000 bytes; beyond this a frame travels through a transit row. */
    static final int MAX_INLINE_PAYLOAD_BYTES = 7_900;

    private static final Logger log = LoggerFactory.getLogger(PostgresInstanceBus.class);
    private static final long MAX_POLL_MILLIS = 100;
    private static final int PURGE_EVERY_HEARTBEATS = 720;
    private static final int MAX_PENDING_BROADCASTS = 10_000;
    /** At most this many presence claims (or releases) in one statement. */
    private static final int MAX_PRESENCE_BATCH = 256;

    private final PostgresDatabase database;
    private final DataSource pool;
    private final String instanceId;
    private final InstanceBusSettings settings;
    private final SignalDelivery local;
    private final TransitSealer sealer;
    private final NotificationSender sender;
    /** Claims the nodes of new sockets, many sockets' in one statement when they connect at once. */
    private final StatementBatcher<NodeId, Long> claims;
    /** Releases the nodes of closed sockets, many in one statement when they close at once. */
    private final StatementBatcher<BusSql.Release, Void> releases;
    /** Small signals to this instance arrive on these connections; everything else on the main listening one. */
    private final SignalListener signalListener;
    private final PresenceReplica replica = new PresenceReplica();
    private final Map<NodeId, LocalClaim> localNodes = new ConcurrentHashMap<>();
    /** Read: a socket's presence change here; write: re-announcing everything after a reconnect. */
    private final ReentrantReadWriteLock localLock = new ReentrantReadWriteLock();
    private final CountDownLatch firstConnection = new CountDownLatch(1);
    private final Queue<BusMessage> pendingBroadcasts = new ConcurrentLinkedQueue<>();
    private final ReconnectPause pause = new ReconnectPause();
    private volatile Receivers receivers;
    private volatile boolean connected;
    private volatile String problem = "the instance bus has not connected yet";
    private volatile boolean reconcileNeeded;
    private volatile boolean running;
    private volatile boolean leaveCleanly = true;
    private Thread listener;

    /** What this instance does with what other instances tell it. */
    public record Receivers(AnnouncePresenceUseCase presence, ReleaseSessionUseCase sessions, SessionCloser closer) {
        public Receivers {
            Objects.requireNonNull(presence, "presence");
            Objects.requireNonNull(sessions, "sessions");
            Objects.requireNonNull(closer, "closer");
        }
    }

    /** A node whose socket is on this instance, the registration behind it and its claim (0: not yet claimed). */
    private record LocalClaim(SessionKey key, long claim) {
    }

    /**
     * @param instanceId this instance's id, 1-40 characters of {@code a-z0-9_}, unique among running instances
     * @param local delivers to the sockets of this instance
     */
    public PostgresInstanceBus(PostgresDatabase database, String instanceId, InstanceBusSettings settings,
            SignalDelivery local, SecureRandom random) {
        this.database = Objects.requireNonNull(database, "database");
        this.pool = database.dataSource();
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
        if (!BusMessage.INSTANCE_ID.matcher(instanceId).matches()) {
            throw new IllegalArgumentException("an instance id is 1-40 characters of a-z, 0-9 and _");
        }
        this.settings = Objects.requireNonNull(settings, "settings");
        this.local = Objects.requireNonNull(local, "local");
        this.sealer = new TransitSealer(random);
        this.sender = new NotificationSender(pool::getConnection, "instance-bus-sender-" + instanceId, settings.sendTimeout());
        // A claim or release that reached PostgreSQL is waited for until it commits or fails: giving up on one whose
        // fate is unknown would let it commit after the reconciliation meant to repair it.
        StatementBatcher.Limits presenceLimits = StatementBatcher.Limits.of(MAX_PRESENCE_BATCH,
                settings.sendTimeout()).waitingOutRunningStatements();
        this.claims = new StatementBatcher<>("instance-bus-claims-" + instanceId, pool::getConnection,
                (c, nodes) -> BusSql.claimOnline(c, instanceId, nodes), node -> node, presenceLimits);
        this.releases = new StatementBatcher<>("instance-bus-releases-" + instanceId, pool::getConnection,
                StatementBatcher.Statement.withoutAnswers((c, batch) -> BusSql.releaseOffline(c, instanceId, batch)),
                BusSql.Release::node, presenceLimits);
        this.signalListener = new SignalListener(database, instanceId, this::dispatch, settings.reconnectDelay());
    }

    /**
     * Starts listening and waits up to {@code wait} for the first connection (the hub runs, not ready, without
     * it, and keeps trying).
     */
    public synchronized void start(Receivers newReceivers, Duration wait) {
        if (listener != null) {
            throw new IllegalStateException("the instance bus is already running");
        }
        this.receivers = Objects.requireNonNull(newReceivers, "receivers");
        running = true;
        sender.start();
        claims.start();
        releases.start();
        signalListener.start();
        listener = Thread.ofPlatform().name("instance-bus-" + instanceId).daemon(true).start(this::listen);
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            if (!firstConnection.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("The instance bus is not connected yet; relays to other instances fail until it is");
            }
            while (!signalListener.isListening() && System.nanoTime() < deadline) {
                Thread.sleep(5); // bounded start-up wait for the signal connection, opened in parallel
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Leaves the cluster cleanly: this instance's nodes go offline everywhere, and it stops listening. */
    @Override
    public void close() {
        stop(true);
    }

    /**
     * Stops listening and heartbeating without the goodbye, as a crashed instance would; the other instances sweep
     * its nodes once its heartbeat is older than the timeout. For failure tests.
     */
    public void abandon() {
        stop(false);
    }

    public String instanceId() {
        return instanceId;
    }

    @Override
    public Optional<String> problem() {
        if (!connected) {
            return Optional.of(problem);
        }
        return signalListener.isListening() ? Optional.empty()
                : Optional.of("a signal listening connection is reconnecting");
    }

    // ---- SignalDelivery ------------------------------------------------------------------------------------------

    @Override
    public RouteOutcome deliver(NodeId target, String frame) {
        return deliverWithoutWaiting(target, frame).orElseGet(() -> deliverElsewhere(target, frame));
    }

    /** Delivers to a socket on this instance; another instance's is reached through the database, which waits. */
    @Override
    public Optional<RouteOutcome> deliverWithoutWaiting(NodeId target, String frame) {
        RouteOutcome here = local.deliver(target, frame);
        return here instanceof RouteOutcome.TargetOffline ? Optional.empty() : Optional.of(here);
    }

    /** Relays to the other instance holding {@code target}, if one does; it is not connected here. */
    private RouteOutcome deliverElsewhere(NodeId target, String frame) {
        RouteOutcome.RelayFailed failed = new RouteOutcome.RelayFailed(target.value());
        if (!connected) {
            return failed; // another instance may hold it, and there is no way to ask or reach it now
        }
        try {
            Optional<String> holder = holderOf(target);
            if (holder.isEmpty() || holder.get().equals(instanceId)) {
                return new RouteOutcome.TargetOffline(target.value());
            }
            send(holder.get(), target, frame);
            return new RouteOutcome.Delivered(target.value());
        } catch (SQLException e) {
            log.debug("A cross-instance relay failed ({})", e.getSQLState());
            return failed;
        }
    }

    /** The other instance holding {@code target}: from the replica, or the database if it connected a moment ago. */
    private Optional<String> holderOf(NodeId target) throws SQLException {
        Optional<String> holder = replica.locate(target).map(PresenceReplica.Location::instance);
        if (holder.isPresent()) {
            return holder;
        }
        return withPooledConnection(c -> BusSql.holderOf(c, target, instanceId));
    }

    /**
     * A small frame joins the relay notifications being batched (and this returns once its batch committed); a
     * large one is stored sealed and notified in a statement of its own.
     */
    private void send(String instance, NodeId target, String frame) throws SQLException {
        String channel = BusSql.signalChannelOf(instance); // one connection reads it: signals to a node stay in order
        String inline = new BusMessage.Signal(target, frame).encode();
        if (fitsInline(inline)) {
            sender.send(channel, inline);
            return;
        }
        TransitSealer.Sealed sealed = sealer.seal(frame);
        UUID id = UUID.randomUUID();
        String payload = new BusMessage.SignalInTransit(target, id, sealed.key()).encode();
        withPooledConnection(c -> {
            BusSql.notifyWithTransit(c, channel, payload, id, sealed.bytes());
            return null;
        });
    }

    /** Work on one pooled connection. */
    @FunctionalInterface
    private interface SqlWork<T> {
        T apply(Connection c) throws SQLException;
    }

    /** Runs {@code work} on a pooled connection, once more on a fresh one if the first had died with its server. */
    private <T> T withPooledConnection(SqlWork<T> work) throws SQLException {
        try (Connection c = pool.getConnection()) {
            return work.apply(c);
        } catch (SQLException e) {
            if (!BusSql.isConnectionFailure(e)) {
                throw e;
            }
        }
        try (Connection c = pool.getConnection()) {
            return work.apply(c);
        }
    }

    private static boolean fitsInline(String payload) {
        if ((long) payload.length() * 3 <= MAX_INLINE_PAYLOAD_BYTES) {
            return true;
        }
        return payload.length() <= MAX_INLINE_PAYLOAD_BYTES
                && payload.getBytes(StandardCharsets.UTF_8).length <= MAX_INLINE_PAYLOAD_BYTES;
    }

    // ---- PresenceDirectory ---------------------------------------------------------------------------------------

    @Override
    public void nodeOnline(NodeId node) {
        claim(node, null);
    }

    @Override
    public void nodeOnline(SessionKey key) {
        claim(key.node(), key);
    }

    private void claim(NodeId node, SessionKey key) {
        localLock.readLock().lock();
        try {
            localNodes.put(node, new LocalClaim(key, 0));
            if (!connected) {
                reconcileNeeded = true; // announced when the bus is back
                return;
            }
            try {
                long claim = claims.submit(node);
                localNodes.computeIfPresent(node, (n, mine) -> Objects.equals(mine.key(), key)
                        ? new LocalClaim(key, claim) : mine);
                // A newer claim elsewhere may have been heard while this one was in flight (it was not compared then).
                if (key != null && replica.locate(node).filter(l -> l.claim() > claim).isPresent()) {
                    release(key);
                }
            } catch (SQLException e) {
                reconcileNeeded = true;
                log.debug("Could not announce a node online ({}); will re-announce", e.getSQLState());
            }
        } finally {
            localLock.readLock().unlock();
        }
    }

    @Override
    public void nodeOffline(NodeId node, Instant at) {
        localLock.readLock().lock();
        try {
            LocalClaim mine = localNodes.remove(node);
            if (mine == null) {
                return;
            }
            if (!connected || mine.claim() == 0) {
                reconcileNeeded = true;
                return;
            }
            try {
                releases.submit(new BusSql.Release(node, mine.claim(), at));
            } catch (SQLException e) {
                reconcileNeeded = true;
                log.debug("Could not announce a node offline ({}); will reconcile", e.getSQLState());
            }
        } finally {
            localLock.readLock().unlock();
        }
    }

    @Override
    public boolean isOnline(NodeId node) {
        return localNodes.containsKey(node) || replica.contains(node);
    }

    @Override
    public Set<NodeId> onlineAmong(Collection<NodeId> nodes) {
        return nodes.stream().filter(this::isOnline).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public Set<NodeId> onlineNodes() {
        Set<NodeId> online = new HashSet<>(localNodes.keySet());
        online.addAll(replica.nodes());
        return Set.copyOf(online);
    }

    @Override
    public PresenceStatus statusOf(NodeId node) {
        return statusOf(List.of(node)).getFirst();
    }

    @Override
    public List<PresenceStatus> statusOf(List<NodeId> nodes) {
        List<NodeId> notHere = nodes.stream().filter(n -> !isOnline(n)).distinct().toList();
        Map<NodeId, BusSql.PresenceRow> rows = Map.of();
        if (!notHere.isEmpty() && connected) {
            try (Connection c = pool.getConnection()) {
                rows = BusSql.presenceOf(c, notHere);
            } catch (SQLException e) {
                log.debug("Could not read last-seen times ({})", e.getSQLState());
            }
        }
        List<PresenceStatus> statuses = new ArrayList<>(nodes.size());
        for (NodeId node : nodes) {
            BusSql.PresenceRow row = rows.get(node);
            // Online comes from memory only, never from the row: the replica changes only with the bus's events, so
            // a subscriber's first status and the changes announced after it form one sequence without repeats.
            if (isOnline(node)) {
                statuses.add(PresenceStatus.online(node));
            } else if (row != null && row.instance() == null && row.lastSeen() != null) {
                statuses.add(PresenceStatus.offlineSince(node, row.lastSeen()));
            } else {
                statuses.add(PresenceStatus.neverSeen(node));
            }
        }
        return statuses;
    }

    // ---- cross-instance closes (used by PostgresSessionCloser) ---------------------------------------------------

    /**
     * Tells every other instance to close {@code message}'s sockets. While the bus is down the request waits (up to
     * a bound) and goes out as soon as the bus is back, so a logout during an outage still closes everywhere.
     */
    void broadcast(BusMessage message) {
        if (connected) {
            try (Connection c = pool.getConnection()) {
                BusSql.notify(c, BusSql.BROADCAST, message.encode());
                return;
            } catch (SQLException e) {
                log.warn("Could not tell the other instances to close sockets yet ({})", e.getSQLState());
            }
        }
        if (pendingBroadcasts.size() < MAX_PENDING_BROADCASTS) {
            pendingBroadcasts.add(message);
        }
    }

    private void flushPendingBroadcasts(Connection c) throws SQLException {
        BusMessage message;
        while ((message = pendingBroadcasts.peek()) != null) {
            BusSql.notify(c, BusSql.BROADCAST, message.encode());
            pendingBroadcasts.poll();
        }
    }

    // ---- the listening connection --------------------------------------------------------------------------------

    private void listen() {
        while (running) {
            try (Connection c = database.openDedicatedConnection("dpc-hub-bus-" + instanceId)) {
                session(c);
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    down(e instanceof SQLException sql ? "cannot reach the database (SQL state " + sql.getSQLState()
                            + ")" : "the listening connection failed (" + e.getClass().getSimpleName() + ")");
                }
            }
            connected = false;
            if (running) {
                if (!pause.await(settings.reconnectDelay())) {
                    running = false;
                }
            }
        }
    }

    private void session(Connection c) throws SQLException {
        c.setAutoCommit(true);
        PGConnection pg = c.unwrap(PGConnection.class);
        BusSql.listen(c, instanceId);
        BusSql.register(c, instanceId);
        reconcile(c);
        resync(c);
        flushPendingBroadcasts(c);
        boolean reconnected = firstConnection.getCount() == 0;
        connected = true;
        firstConnection.countDown();
        if (reconnected) {
            database.renewConnections(); // the pool's connections may predate a server restart
            log.info("The instance bus is connected again");
        }
        long connectedAt = System.nanoTime();
        long heartbeatNanos = settings.heartbeatInterval().toNanos();
        long nextBeat = connectedAt + heartbeatNanos;
        int beats = 0;
        while (running) {
            if (reconcileNeeded) {
                reconcile(c);
            }
            // never 1 ms: that is the pending-message peek PromptPeekSocketFactory answers without waiting
            long waitMillis = Math.max(2, Math.min(MAX_POLL_MILLIS, (nextBeat - System.nanoTime()) / 1_000_000));
            PGNotification[] notifications = pg.getNotifications((int) waitMillis);
            if (notifications != null) {
                for (PGNotification notification : notifications) {
                    dispatch(c, notification.getParameter());
                }
            }
            long now = System.nanoTime();
            if (now >= nextBeat) {
                nextBeat = now + heartbeatNanos;
                beat(c, now - connectedAt >= settings.instanceTimeout().toNanos(), ++beats);
            }
        }
        if (leaveCleanly) {
            BusSql.goodbye(c, instanceId);
        }
    }

    private void beat(Connection c, boolean mayJudgeOthers, int beats) throws SQLException {
        if (!BusSql.heartbeat(c, instanceId)) {
            log.warn("This instance was swept as dead by another one; announcing its nodes again");
            BusSql.register(c, instanceId);
            reconcile(c);
        }
        if (mayJudgeOthers) { // only once connected long enough for the others to have beaten too
            List<String> swept = BusSql.sweepDeadInstances(c, settings.instanceTimeout());
            if (!swept.isEmpty()) {
                log.info("Swept {} hub instance(s) that stopped without a goodbye", swept.size());
            }
        }
        BusSql.sweepTransit(c, settings.transitLifetime());
        if (beats % PURGE_EVERY_HEARTBEATS == 0) {
            BusSql.purgeLastSeen(c, settings.lastSeenRetention());
        }
    }

    /** Announces this instance's nodes again and hands over those another live instance holds now. */
    private void reconcile(Connection c) throws SQLException {
        List<SessionKey> handedOver = new ArrayList<>();
        localLock.writeLock().lock();
        try {
            reconcileNeeded = false;
            Map<NodeId, Long> reclaimed = BusSql.reconcile(c, instanceId, List.copyOf(localNodes.keySet()));
            for (Map.Entry<NodeId, LocalClaim> entry : localNodes.entrySet()) {
                Long claim = reclaimed.get(entry.getKey());
                if (claim != null) {
                    entry.setValue(new LocalClaim(entry.getValue().key(), claim));
                } else if (entry.getValue().key() != null) {
                    handedOver.add(entry.getValue().key());
                }
            }
        } catch (SQLException | RuntimeException e) {
            reconcileNeeded = true;
            throw e;
        } finally {
            localLock.writeLock().unlock();
        }
        handedOver.forEach(key -> release(key));
    }

    /** Reloads where every remote node is, telling local watchers what changed while this instance was away. */
    private void resync(Connection c) throws SQLException {
        announce(replica.replaceAll(BusSql.onlineElsewhere(c, instanceId)));
    }

    private void dispatch(Connection c, String payload) throws SQLException {
        Optional<BusMessage> parsed = BusMessage.parse(payload);
        if (parsed.isEmpty()) {
            log.debug("Ignored a malformed bus message");
            return;
        }
        BusMessage message = parsed.get();
        if (message.origin().filter(instanceId::equals).isPresent()) {
            return; // this instance's own broadcast
        }
        try {
            switch (message) {
                case BusMessage.Signal signal -> local.deliver(signal.target(), signal.frame());
                case BusMessage.SignalInTransit transit -> BusSql.takeTransit(c, transit.id())
                        .ifPresent(sealed -> local.deliver(transit.target(), sealer.open(sealed, transit.key())));
                case BusMessage.NodeOnline online -> remoteOnline(online);
                case BusMessage.NodeOffline offline -> {
                    boolean before = isOnline(offline.node());
                    replica.offline(offline.node(), offline.instance(), offline.claim());
                    announceIfChanged(offline.node(), before);
                }
                case BusMessage.InstanceAnnounced announced -> {
                    Map<NodeId, Long> rows = BusSql.heldBy(c, announced.instance());
                    announce(replica.replaceInstance(announced.instance(), rows));
                    rows.forEach((node, claim) -> releaseIfOlder(node, claim));
                }
                case BusMessage.InstanceGone gone -> announce(new PresenceReplica.Changes(List.of(),
                        replica.instanceGone(gone.instance())));
                case BusMessage.CloseUser close -> receivers.closer().closeUser(close.user(), close.reason());
                case BusMessage.CloseNode close -> receivers.closer().closeNode(close.node(), close.reason());
            }
        } catch (IllegalArgumentException | IllegalStateException refused) {
            log.debug("A bus message could not be applied ({})", refused.getClass().getSimpleName());
        }
    }

    private void remoteOnline(BusMessage.NodeOnline online) {
        boolean before = isOnline(online.node());
        replica.online(online.node(), online.instance(), online.claim());
        releaseIfOlder(online.node(), online.claim());
        announceIfChanged(online.node(), before);
    }

    /** Closes this instance's socket of {@code node} when a newer one (a higher claim) opened elsewhere. */
    private void releaseIfOlder(NodeId node, long claim) {
        LocalClaim mine = localNodes.get(node);
        if (mine != null && mine.key() != null && mine.claim() != 0 && mine.claim() < claim) {
            release(mine.key());
        }
    }

    private void release(SessionKey key) {
        if (receivers == null) {
            return;
        }
        try {
            receivers.sessions().release(key, SocketClose.REPLACED);
        } catch (RuntimeException e) {
            log.debug("Could not close a replaced socket ({})", e.getClass().getSimpleName());
        }
    }

    private void announceIfChanged(NodeId node, boolean before) {
        boolean after = isOnline(node);
        if (after != before) {
            announce(new PresenceChange(node, after));
        }
    }

    private void announce(PresenceReplica.Changes changes) {
        changes.appeared().stream().filter(n -> !localNodes.containsKey(n))
                .forEach(n -> announce(new PresenceChange(n, true)));
        changes.disappeared().stream().filter(n -> !isOnline(n))
                .forEach(n -> announce(new PresenceChange(n, false)));
    }

    private void announce(PresenceChange change) {
        try {
            receivers.presence().announce(change);
        } catch (RuntimeException e) {
            log.debug("Could not announce a presence change ({})", e.getClass().getSimpleName());
        }
    }

    private void down(String reason) {
        boolean wasConnected = connected;
        connected = false;
        problem = reason;
        if (wasConnected) {
            log.warn("The instance bus lost its database connection ({}); reconnecting", reason);
        }
    }


    private void stop(boolean cleanly) {
        claims.close(); // before the goodbye: no claim may follow it
        releases.close();
        Thread thread;
        synchronized (this) {
            thread = listener;
            if (thread == null || !running) {
                return;
            }
            leaveCleanly = cleanly;
            running = false;
        }
        pause.wake();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connected = false;
        problem = "the instance bus is stopped";
        signalListener.stop();
        sender.close();
    }
}
