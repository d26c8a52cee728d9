package network.dpc.hub.application.service;

import java.util.Objects;
import network.dpc.hub.application.port.in.GetProfileUseCase;
import network.dpc.hub.application.port.in.ProfileView;
import network.dpc.hub.application.port.out.NodeIdentityRepository;
import network.dpc.hub.application.port.out.ProfileRepository;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.node.NodeIdentity;
import network.dpc.hub.domain.shared.DomainException;
import network.dpc.hub.domain.shared.ErrorKind;
import network.dpc.hub.domain.user.UserId;

/** Looks profiles up by owner or by one of the owner's nodes, with the owner's primary node. */
public final class GetProfileService implements GetProfileUseCase {

    private final ProfileRepository profiles;
    private final NodeIdentityRepository nodes;

    public GetProfileService(ProfileRepository profiles, NodeIdentityRepository nodes) {
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.nodes = Objects.requireNonNull(nodes, "nodes");
    }

    @Override
    public ProfileView own(UserId owner) {
        return profiles.findByOwner(owner).map(p -> new ProfileView(p, nodes.primaryNode(owner)))
                .orElseThrow(() -> notFound("You have no profile yet"));
    }

    @Override
    public ProfileView ofNode(NodeId node) {
        UserId owner = nodes.findById(node).map(NodeIdentity::owner)
                .orElseThrow(() -> notFound("No profile for node " + node));
        return profiles.findByOwner(owner).map(p -> new ProfileView(p, nodes.primaryNode(owner)))
                .orElseThrow(() -> notFound("No profile for node " + node));
    }

    static DomainException notFound(String sentence) {
        return new DomainException(ErrorKind.NOT_FOUND, "profile_not_found", sentence);
    }
}
