package network.dpc.hub.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import network.dpc.hub.application.port.out.NodeOwnership;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.user.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link NodeOwnership} adapter must show. Subclasses supply an ownership in which
 * {@link #OWNER} holds {@link #PRIMARY} and {@link #SECOND}, {@link #PRIMARY} being the primary one by that store's
 * rule, and nobody else owns a node.
 */
public abstract class NodeOwnershipContract {

    protected static final UserId OWNER = UserId.parse("6f1c2a3b-0000-4000-8000-000000000001");
    protected static final NodeId PRIMARY = new NodeId("dpc-node-0123456789abcdef0123456789abcdef");
    protected static final NodeId SECOND = new NodeId("dpc-node-fedcba9876543210");

    private static final UserId STRANGER = UserId.parse("6f1c2a3b-0000-4000-8000-000000000002");

    private NodeOwnership ownership;

    /** An ownership where {@link #OWNER} holds {@link #PRIMARY} (the primary) and {@link #SECOND}. */
    protected abstract NodeOwnership ownershipWithTwoNodesOfOwner();

    @BeforeEach
    void setUp() {
        ownership = ownershipWithTwoNodesOfOwner();
    }

    @Test
    void theOwnerOwnsBothNodesAndOneIsThePrimary() {
        assertThat(ownership.owns(OWNER, PRIMARY)).isTrue();
        assertThat(ownership.owns(OWNER, SECOND)).isTrue();
        assertThat(ownership.primaryNode(OWNER)).contains(PRIMARY);
    }

    @Test
    void anotherUserOwnsNoneOfThemAndHasNoPrimary() {
        assertThat(ownership.owns(STRANGER, PRIMARY)).isFalse();
        assertThat(ownership.primaryNode(STRANGER)).isEmpty();
    }

    @Test
    void anUnknownNodeIsOwnedByNobody() {
        assertThat(ownership.owns(OWNER, new NodeId("dpc-node-aaaaaaaaaaaaaaaa"))).isFalse();
    }
}
