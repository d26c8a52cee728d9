package network.dpc.hub.domain.presence;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.shared.DomainException;
import network.dpc.hub.domain.shared.ErrorKind;

/**
 * Which sockets of this instance want presence changes of which nodes. Kept in memory only and dropped with the
 * socket: the hub never stores who watches whom. Thread-safe.
 *
 * <p>Invariant: a socket watches at most {@link #MAX_PER_SOCKET} nodes; a subscription that would exceed that is
 * refused whole ({@code INVALID/too_many_subscriptions}).
 *
 * @param <S> the adapter's socket handle
 */
public final class PresenceSubscriptions<S> {

    public static final int MAX_PER_SOCKET = 500;

    private final Map<S, Set<NodeId>> bySocket = new ConcurrentHashMap<>();
    private final Map<NodeId, Set<S>> byNode = new ConcurrentHashMap<>();

    /** Adds {@code nodes} to what {@code socket} watches; all or nothing. */
    public synchronized void subscribe(S socket, Collection<NodeId> nodes) {
        Objects.requireNonNull(socket, "socket");
        Set<NodeId> watched = bySocket.getOrDefault(socket, Set.of());
        Set<NodeId> wanted = new LinkedHashSet<>(watched);
        wanted.addAll(nodes);
        if (wanted.size() > MAX_PER_SOCKET) {
            throw new DomainException(ErrorKind.INVALID, "too_many_subscriptions",
                    "A socket can watch at most " + MAX_PER_SOCKET + " nodes");
        }
        bySocket.put(socket, Set.copyOf(wanted));
        for (NodeId node : nodes) {
            byNode.computeIfAbsent(node, n -> ConcurrentHashMap.newKeySet()).add(socket);
        }
    }

    /** Stops {@code socket} watching {@code nodes}; ids it does not watch are ignored. */
    public synchronized void unsubscribe(S socket, Collection<NodeId> nodes) {
        Objects.requireNonNull(socket, "socket");
        Set<NodeId> watched = bySocket.get(socket);
        if (watched == null) {
            return;
        }
        Set<NodeId> remaining = new LinkedHashSet<>(watched);
        remaining.removeAll(Set.copyOf(nodes));
        if (remaining.isEmpty()) {
            bySocket.remove(socket);
        } else {
            bySocket.put(socket, Set.copyOf(remaining));
        }
        for (NodeId node : nodes) {
            forget(node, socket);
        }
    }

    /** Forgets everything {@code socket} watched (it closed). */
    public synchronized void drop(S socket) {
        Set<NodeId> watched = bySocket.remove(socket);
        if (watched != null) {
            watched.forEach(node -> forget(node, socket));
        }
    }

    /** The sockets watching {@code node}, as a snapshot. */
    public Set<S> watchersOf(NodeId node) {
        Set<S> watchers = byNode.get(node);
        return watchers == null ? Set.of() : Set.copyOf(watchers);
    }

    /** How many nodes {@code socket} watches. */
    public int countOf(S socket) {
        return bySocket.getOrDefault(socket, Set.of()).size();
    }

    /** Whether no socket watches anything (nothing left behind after sockets close). */
    public boolean isEmpty() {
        return bySocket.isEmpty() && byNode.isEmpty();
    }

    private void forget(NodeId node, S socket) {
        byNode.computeIfPresent(node, (n, watchers) -> {
            watchers.remove(socket);
            return watchers.isEmpty() ? null : watchers;
        });
    }
}
