package network.dpc.hub.application.port.out;

import java.util.List;
import java.util.Optional;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.node.NodeIdentity;
import network.dpc.hub.domain.node.UserNodes;
import network.dpc.hub.domain.user.UserId;

/**
 * Stores which user each registered node id is bound to; a node id is bound to at most one user, enforced by the
 * store itself so that concurrent registrations cannot both win. Every write is atomic: it happens entirely or not
 * at all. A write that finds the binding changed since it was read throws
 * {@link network.dpc.hub.domain.node.NodeIdTakenException}.
 */
public interface NodeIdentityRepository extends NodeOwnership {

    Optional<NodeIdentity> findById(NodeId nodeId);

    /** The nodes {@code owner} holds, newest first. */
    UserNodes findByOwner(UserId owner);

    /**
     * Removes the owner's {@code evicted} nodes and binds the free node id of {@code identity}.
     *
     * @throws network.dpc.hub.domain.node.NodeIdTakenException when the node id is bound already (to anyone);
     *     nothing is changed then
     */
    void add(NodeIdentity identity, List<NodeId> evicted);

    /**
     * Updates registration time and proof flag of a binding the owner of {@code identity} holds.
     *
     * @throws network.dpc.hub.domain.node.NodeIdTakenException when that owner no longer holds the node id
     */
    void refresh(NodeIdentity identity);

    /**
     * Moves the node id from {@code previous} (an unproven binding of another user) to the owner of
     * {@code identity}, removing that owner's {@code evicted} nodes.
     *
     * @throws network.dpc.hub.domain.node.NodeIdTakenException when the binding is no longer exactly
     *     {@code previous}'s unproven one; nothing is changed then
     */
    void takeOver(NodeIdentity identity, NodeIdentity previous, List<NodeId> evicted);

    /** Unbinds the node id if {@code owner} holds it; returns whether it did. */
    boolean delete(UserId owner, NodeId nodeId);

    @Override
    default Optional<NodeId> primaryNode(UserId user) {
        return findByOwner(user).primary().map(NodeIdentity::nodeId);
    }

    @Override
    default boolean owns(UserId user, NodeId node) {
        return findById(node).map(identity -> identity.owner().equals(user)).orElse(false);
    }
}
