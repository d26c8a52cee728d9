package network.dpc.hub.application.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import network.dpc.hub.application.port.in.ProfileView;
import network.dpc.hub.application.port.in.UpdateProfileUseCase;
import network.dpc.hub.application.port.out.NodeOwnership;
import network.dpc.hub.application.port.out.ProfileRepository;
import network.dpc.hub.domain.profile.Profile;
import network.dpc.hub.domain.profile.ProfileContent;
import network.dpc.hub.domain.user.UserId;

/** Stores a user's whole profile, stamped with the current time (to the microsecond, as databases keep it). */
public final class UpdateProfileService implements UpdateProfileUseCase {

    private final ProfileRepository profiles;
    private final NodeOwnership nodes;
    private final Clock clock;

    public UpdateProfileService(ProfileRepository profiles, NodeOwnership nodes, Clock clock) {
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.nodes = Objects.requireNonNull(nodes, "nodes");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public ProfileView update(UserId owner, ProfileContent content) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Profile profile = new Profile(owner, content, now);
        profiles.save(profile);
        return new ProfileView(profile, nodes.primaryNode(owner));
    }
}
