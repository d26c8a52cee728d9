package network.dpc.hub.application.port.in;

import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.user.UserId;

/** Shows a profile: the caller's own, or that of the user who owns a node. */
public interface GetProfileUseCase {

    /** @throws network.dpc.hub.domain.shared.DomainException NOT_FOUND {@code profile_not_found} */
    ProfileView own(UserId owner);

    /**
     * The profile of the user {@code node} is registered to.
     *
     * @throws network.dpc.hub.domain.shared.DomainException NOT_FOUND {@code profile_not_found} when the node is
     *     not registered or its owner has no profile
     */
    ProfileView ofNode(NodeId node);
}
