package network.dpc.hub.domain.signaling;

import java.util.Objects;
import java.util.Optional;

/**
 * The result of registering a socket for a node.
 *
 * @param key the new socket's registration; only this key can unregister it
 * @param displaced the older socket of the same node, which must now be closed with {@link SocketClose#REPLACED}
 * @param <S> the socket handle type of the adapter
 */
public record Registration<S>(SessionKey key, Optional<S> displaced) {

    public Registration {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(displaced, "displaced");
    }

    /** Whether the node was already online on this table before (a replacement is not a presence change). */
    public boolean replacedAnother() {
        return displaced.isPresent();
    }
}
