package network.dpc.hub.application.port.out;

import java.time.Instant;
import java.util.Optional;
import network.dpc.hub.domain.node.NodeChallenge;

/** Keeps issued proof-of-possession challenges until they are used once or expire. */
public interface NodeChallengeStore {

    void save(NodeChallenge challenge);

    /**
     * Removes the challenge with this value and returns it, whoever it was issued to and whether or not it has
     * expired (the caller judges that); of concurrent calls with one value at most one receives it.
     */
    Optional<NodeChallenge> take(String value);

    /** Forgets every challenge whose expiry is at or before {@code now}; returns how many. */
    int deleteExpired(Instant now);
}
