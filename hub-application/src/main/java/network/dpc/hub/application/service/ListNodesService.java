package network.dpc.hub.application.service;

import java.util.Objects;
import network.dpc.hub.application.port.in.ListNodesUseCase;
import network.dpc.hub.application.port.out.NodeIdentityRepository;
import network.dpc.hub.domain.node.UserNodes;
import network.dpc.hub.domain.user.UserId;

/** Reads the caller's nodes from the repository. */
public final class ListNodesService implements ListNodesUseCase {

    private final NodeIdentityRepository nodes;

    public ListNodesService(NodeIdentityRepository nodes) {
        this.nodes = Objects.requireNonNull(nodes, "nodes");
    }

    @Override
    public UserNodes list(UserId caller) {
        return nodes.findByOwner(Objects.requireNonNull(caller, "caller"));
    }
}
