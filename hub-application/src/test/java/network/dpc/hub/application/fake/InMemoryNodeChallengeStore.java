package network.dpc.hub.application.fake;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import network.dpc.hub.application.port.out.NodeChallengeStore;
import network.dpc.hub.domain.node.NodeChallenge;

/** Keeps challenges in a concurrent map; passes the same contract as the PostgreSQL adapter. */
public final class InMemoryNodeChallengeStore implements NodeChallengeStore {

    private final Map<String, NodeChallenge> challenges = new ConcurrentHashMap<>();

    @Override
    public void save(NodeChallenge challenge) {
        challenges.put(challenge.value(), challenge);
    }

    @Override
    public Optional<NodeChallenge> take(String value) {
        return Optional.ofNullable(challenges.remove(value));
    }

    @Override
    public int deleteExpired(Instant now) {
        int before = challenges.size();
        challenges.values().removeIf(c -> c.isExpiredAt(now));
        return before - challenges.size();
    }

    /** Forgets every challenge, for tests that share one store. */
    public void clear() {
        challenges.clear();
    }

    /** How many challenges are held, for tests. */
    public int size() {
        return challenges.size();
    }
}
