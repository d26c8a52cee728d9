package network.dpc.hub.adapter.persistence;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import network.dpc.hub.application.port.out.NodeChallengeStore;
import network.dpc.hub.domain.node.NodeChallenge;
import org.jdbi.v3.core.Jdbi;

/** Keeps proof-of-possession challenges in PostgreSQL's {@code node_challenges}, shared by every hub instance. */
public final class JdbiNodeChallengeStore implements NodeChallengeStore {

    private final Jdbi jdbi;

    public JdbiNodeChallengeStore(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public void save(NodeChallenge challenge) {
        jdbi.useExtension(NodeChallengeDao.class, dao -> dao.insert(NodeChallengeRow.from(challenge)));
    }

    @Override
    public Optional<NodeChallenge> take(String value) {
        return jdbi.withExtension(NodeChallengeDao.class, dao -> dao.take(value)).map(NodeChallengeRow::toChallenge);
    }

    @Override
    public int deleteExpired(Instant now) {
        return jdbi.withExtension(NodeChallengeDao.class, dao -> dao.deleteExpired(now));
    }
}
