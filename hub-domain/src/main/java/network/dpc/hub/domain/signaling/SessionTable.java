package network.dpc.hub.domain.signaling;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.user.UserId;

/**
 * Which socket speaks for which node on this hub instance. Thread-safe, in memory only.
 *
 * <p>Invariants:
 * <ul>
 *   <li>A node has at most one current socket; registering a newer socket for a node replaces the older one, which
 *       the caller must close ({@link Registration#displaced()}).</li>
 *   <li>Every registration gets an epoch greater than any before it; a socket can only unregister the registration
 *       its own {@link SessionKey} names. So the older socket's late close never unregisters the newer socket,
 *       whatever the interleaving of the two threads.</li>
 * </ul>
 *
 * @param <S> the adapter's socket handle; the table never looks inside it
 */
public final class SessionTable<S> {

    private final Map<NodeId, Entry<S>> current = new ConcurrentHashMap<>();
    private final AtomicLong epochs = new AtomicLong();

    /** Makes {@code socket} the current socket of {@code node} for {@code user}, displacing any older one. */
    public Registration<S> register(NodeId node, UserId user, S socket) {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(socket, "socket");
        Entry<S> entry = new Entry<>(epochs.incrementAndGet(), user, socket);
        Entry<S> previous = current.put(node, entry);
        return new Registration<>(new SessionKey(node, entry.epoch()),
                Optional.ofNullable(previous).map(Entry::socket));
    }

    /**
     * Removes the registration named by {@code key} if it is still the node's current one; a key of a replaced
     * socket changes nothing.
     */
    public Departure unregister(SessionKey key) {
        Objects.requireNonNull(key, "key");
        AtomicReference<Departure> outcome = new AtomicReference<>(new Departure.Superseded(key.node()));
        current.computeIfPresent(key.node(), (node, entry) -> {
            if (entry.epoch() == key.epoch()) {
                outcome.set(new Departure.WentOffline(node));
                return null;
            }
            return entry;
        });
        return outcome.get();
    }

    /** The socket currently speaking for {@code node} on this instance. */
    public Optional<S> socketOf(NodeId node) {
        return Optional.ofNullable(current.get(node)).map(Entry::socket);
    }

    /** Whether {@code key} is still its node's current registration. */
    public boolean isCurrent(SessionKey key) {
        Entry<S> entry = current.get(key.node());
        return entry != null && entry.epoch() == key.epoch();
    }

    /** The current sockets of every node of {@code user} (a user may run several nodes). */
    public List<S> socketsOf(UserId user) {
        return current.values().stream().filter(e -> e.user().equals(user)).map(Entry::socket).toList();
    }

    /** Every current socket, for shutdown. */
    public List<S> all() {
        return current.values().stream().map(Entry::socket).toList();
    }

    /** How many nodes have a socket here. */
    public int size() {
        return current.size();
    }

    private record Entry<S>(long epoch, UserId user, S socket) {
    }
}
