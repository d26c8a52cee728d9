package network.dpc.hub.application.service;

import java.util.Objects;
import java.util.Set;
import network.dpc.hub.application.port.in.SearchProfilesUseCase;
import network.dpc.hub.application.port.out.PresenceLookup;
import network.dpc.hub.application.port.out.ProfileRepository;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.profile.ProfilePage;
import network.dpc.hub.domain.profile.ProfileSearch;

/** Answers discovery searches: the profile store ranks, the presence lookup says who is online now. */
public final class SearchProfilesService implements SearchProfilesUseCase {

    private final ProfileRepository profiles;
    private final PresenceLookup presence;

    public SearchProfilesService(ProfileRepository profiles, PresenceLookup presence) {
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.presence = Objects.requireNonNull(presence, "presence");
    }

    @Override
    public ProfilePage search(ProfileSearch search) {
        if (search.matchesNothing()) {
            return ProfilePage.empty(search);
        }
        Set<NodeId> online = presence.onlineNodes();
        return profiles.search(search, online);
    }
}
