package network.dpc.hub.application.port.in;

import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.user.UserId;

/** Removes one of the caller's nodes and closes its socket. */
public interface DeleteNodeUseCase {

    /**
     * Unbinds {@code nodeId} from {@code caller}.
     *
     * @throws network.dpc.hub.domain.shared.DomainException NOT_FOUND {@code node_not_found} when the caller holds
     *     no such node (whether or not another user does)
     */
    void delete(UserId caller, NodeId nodeId);
}
