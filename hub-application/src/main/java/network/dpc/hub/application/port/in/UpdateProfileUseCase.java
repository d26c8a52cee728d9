package network.dpc.hub.application.port.in;

import network.dpc.hub.domain.profile.ProfileContent;
import network.dpc.hub.domain.user.UserId;

/** Replaces (or creates) the caller's whole profile. */
public interface UpdateProfileUseCase {

    /** Stores {@code content} as {@code owner}'s profile, updated now, and returns it. */
    ProfileView update(UserId owner, ProfileContent content);
}
