package network.dpc.hub.application.port.in;

import network.dpc.hub.domain.node.UserNodes;
import network.dpc.hub.domain.user.UserId;

/** Lists the nodes a user holds, newest (primary) first. */
public interface ListNodesUseCase {

    UserNodes list(UserId caller);
}
