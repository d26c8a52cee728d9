package network.dpc.hub.application.port.in;

import java.util.Objects;
import java.util.Optional;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.profile.Profile;

/**
 * A profile as shown to clients, with the owner's primary node (empty while the owner has registered none).
 */
public record ProfileView(Profile profile, Optional<NodeId> primaryNode) {

    public ProfileView {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(primaryNode, "primaryNode");
    }
}
