package network.dpc.hub.adapter.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import network.dpc.hub.application.port.out.NodeOwnership;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.user.UserId;

/**
 * The ownership answers of the socket connect path, read from {@code node_identities} for many sockets at once: the
 * lookups of sockets that connect at the same time share one statement and one pooled connection (see
 * {@link StatementBatcher}), instead of each taking a connection of its own. A lookup that finds the database
 * unreachable fails with {@link IllegalStateException}.
 */
public final class BatchedNodeOwnership implements NodeOwnership, AutoCloseable {

    /** At most this many lookups in one statement. */
    static final int MAX_BATCH = 256;

    private final StatementBatcher<UserId, Optional<NodeId>> primaryNodes;
    private final StatementBatcher<Ownership, Boolean> owners;

    /** A question: does {@code user} own {@code node}? */
    private record Ownership(UserId user, NodeId node) {
    }

    /**
     * @param timeout how long a lookup waits to be taken into a statement before it fails (and as long again for a
     *     running statement to finish)
     */
    public BatchedNodeOwnership(DataSource pool, Duration timeout) {
        Objects.requireNonNull(pool, "pool");
        // Equal lookups may share a statement (no key): reads, answered per input.
        StatementBatcher.Limits limits = StatementBatcher.Limits.of(MAX_BATCH, timeout);
        this.primaryNodes = new StatementBatcher<>("node-ownership-primary", pool::getConnection,
                BatchedNodeOwnership::primaryNodesOf, user -> null, limits);
        this.owners = new StatementBatcher<>("node-ownership-owners", pool::getConnection,
                BatchedNodeOwnership::ownersOf, question -> null, limits);
        primaryNodes.start();
        owners.start();
    }

    @Override
    public Optional<NodeId> primaryNode(UserId user) {
        try {
            return primaryNodes.submit(Objects.requireNonNull(user, "user"));
        } catch (SQLException e) {
            throw new IllegalStateException("could not look up a user's primary node (" + e.getSQLState() + ")", e);
        }
    }

    @Override
    public boolean owns(UserId user, NodeId node) {
        try {
            return owners.submit(new Ownership(Objects.requireNonNull(user, "user"),
                    Objects.requireNonNull(node, "node")));
        } catch (SQLException e) {
            throw new IllegalStateException("could not look up a node's owner (" + e.getSQLState() + ")", e);
        }
    }

    @Override
    public void close() {
        primaryNodes.close();
        owners.close();
    }

    /** Each user's newest node (ties broken by node id), as {@code JdbiNodeIdentityRepository} chooses it. */
    private static List<Optional<NodeId>> primaryNodesOf(Connection c, List<UserId> users) throws SQLException {
        Map<UUID, NodeId> primary = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT ON (user_id) user_id, node_id "
                + "FROM node_identities WHERE user_id = ANY (?) "
                + "ORDER BY user_id, registered_at DESC, node_id COLLATE \"C\"")) {
            ps.setArray(1, c.createArrayOf("uuid", users.stream().map(UserId::value).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    primary.put(rs.getObject(1, UUID.class), new NodeId(rs.getString(2)));
                }
            }
        }
        List<Optional<NodeId>> answers = new ArrayList<>(users.size());
        users.forEach(user -> answers.add(Optional.ofNullable(primary.get(user.value()))));
        return answers;
    }

    private static List<Boolean> ownersOf(Connection c, List<Ownership> questions) throws SQLException {
        Map<String, UUID> owner = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT node_id, user_id FROM node_identities WHERE node_id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("text", questions.stream().map(q -> q.node().value()).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    owner.put(rs.getString(1), rs.getObject(2, UUID.class));
                }
            }
        }
        List<Boolean> answers = new ArrayList<>(questions.size());
        questions.forEach(q -> answers.add(q.user().value().equals(owner.get(q.node().value()))));
        return answers;
    }
}
