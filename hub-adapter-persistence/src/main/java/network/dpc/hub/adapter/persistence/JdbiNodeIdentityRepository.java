package network.dpc.hub.adapter.persistence;

import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import network.dpc.hub.application.port.out.NodeIdentityRepository;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.node.NodeIdTakenException;
import network.dpc.hub.domain.node.NodeIdentity;
import network.dpc.hub.domain.node.UserNodes;
import network.dpc.hub.domain.shared.DomainException;
import network.dpc.hub.domain.shared.ErrorKind;
import network.dpc.hub.domain.user.UserId;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Stores node bindings in PostgreSQL's {@code node_identities}; the primary key on {@code node_id} makes the
 * database the judge of concurrent registrations: the loser's insert is a unique violation, reported as
 * {@link NodeIdTakenException}. Each write runs in one transaction.
 */
public final class JdbiNodeIdentityRepository implements NodeIdentityRepository {

    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private final Jdbi jdbi;

    public JdbiNodeIdentityRepository(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public Optional<NodeIdentity> findById(NodeId nodeId) {
        return jdbi.withExtension(NodeIdentityDao.class, dao -> dao.findById(nodeId.value()))
                .map(NodeIdentityRow::toIdentity);
    }

    @Override
    public UserNodes findByOwner(UserId owner) {
        List<NodeIdentity> held = jdbi.withExtension(NodeIdentityDao.class, dao -> dao.findByOwner(owner.value()))
                .stream().map(NodeIdentityRow::toIdentity).toList();
        return new UserNodes(owner, held);
    }

    /**
     * One indexed lookup: one column, no row mapper, no SQL object. (The socket connect path asks
     * {@link BatchedNodeOwnership} instead, which answers the same.)
     */
    @Override
    public Optional<NodeId> primaryNode(UserId user) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT node_id FROM node_identities WHERE user_id = :user "
                        + "ORDER BY registered_at DESC, node_id COLLATE \"C\" LIMIT 1")
                .bind("user", user.value()).mapTo(String.class).findOne().map(NodeId::new));
    }

    /** As {@link #primaryNode}: one indexed lookup. */
    @Override
    public boolean owns(UserId user, NodeId node) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT 1 FROM node_identities WHERE node_id = :node AND user_id = :user")
                .bind("node", node.value()).bind("user", user.value()).mapTo(Integer.class).findOne().isPresent());
    }

    @Override
    public void add(NodeIdentity identity, List<NodeId> evicted) {
        try {
            jdbi.useTransaction(handle -> {
                NodeIdentityDao dao = handle.attach(NodeIdentityDao.class);
                evict(dao, identity.owner(), evicted);
                dao.insert(NodeIdentityRow.from(identity));
            });
        } catch (UnableToExecuteStatementException e) {
            if (UniqueViolations.constraintOf(e).isPresent()) {
                throw new NodeIdTakenException(identity.nodeId());
            }
            if (isForeignKeyViolation(e)) {
                throw new DomainException(ErrorKind.NOT_FOUND, "user_not_found", "The account no longer exists");
            }
            throw e;
        }
    }

    @Override
    public void refresh(NodeIdentity identity) {
        int updated = jdbi.withExtension(NodeIdentityDao.class,
                dao -> dao.refresh(NodeIdentityRow.from(identity)));
        if (updated == 0) {
            throw new NodeIdTakenException(identity.nodeId());
        }
    }

    @Override
    public void takeOver(NodeIdentity identity, NodeIdentity previous, List<NodeId> evicted) {
        if (!previous.nodeId().equals(identity.nodeId())) {
            throw new NodeIdTakenException(identity.nodeId());
        }
        jdbi.useTransaction(handle -> {
            NodeIdentityDao dao = handle.attach(NodeIdentityDao.class);
            evict(dao, identity.owner(), evicted);
            if (dao.takeOver(NodeIdentityRow.from(identity), previous.owner().value()) == 0) {
                throw new NodeIdTakenException(identity.nodeId());
            }
        });
    }

    @Override
    public boolean delete(UserId owner, NodeId nodeId) {
        return jdbi.withExtension(NodeIdentityDao.class, dao -> dao.delete(owner.value(), nodeId.value())) > 0;
    }

    private static void evict(NodeIdentityDao dao, UserId owner, List<NodeId> evicted) {
        if (!evicted.isEmpty()) {
            dao.deleteOwned(owner.value(), evicted.stream().map(NodeId::value).toArray(String[]::new));
        }
    }

    private static boolean isForeignKeyViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && FOREIGN_KEY_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
