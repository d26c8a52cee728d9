package network.dpc.hub.domain.node;

import network.dpc.hub.domain.shared.DomainException;
import network.dpc.hub.domain.shared.ErrorKind;

/** A node id is already bound to another user: kind CONFLICT, code {@code node_id_taken}. */
public final class NodeIdTakenException extends DomainException {

    private static final long serialVersionUID = 1L;
    public static final String CODE = "node_id_taken";

    public NodeIdTakenException(NodeId nodeId) {
        super(ErrorKind.CONFLICT, CODE, "Node id " + nodeId + " is already registered to another user");
    }
}
