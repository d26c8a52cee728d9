package network.dpc.hub.application.port.in;

import network.dpc.hub.domain.profile.ProfilePage;
import network.dpc.hub.domain.profile.ProfileSearch;

/** Finds people by expertise (discovery, contract §4). */
public interface SearchProfilesUseCase {

    ProfilePage search(ProfileSearch search);
}
