package network.dpc.hub.application.fake;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import network.dpc.hub.application.port.out.NodeIdentityRepository;
import network.dpc.hub.application.port.out.ProfileRepository;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.profile.Profile;
import network.dpc.hub.domain.profile.ProfileMatch;
import network.dpc.hub.domain.profile.ProfilePage;
import network.dpc.hub.domain.profile.ProfileSearch;
import network.dpc.hub.domain.user.UserId;

/**
 * Keeps profiles in a map and searches by scanning them all, asking the node store for each owner's primary
 * node; passes the same contract as the PostgreSQL adapter.
 */
public final class InMemoryProfileRepository implements ProfileRepository {

    /** The order of contract §4: level, online first, most recently updated, node id. */
    private static final Comparator<ProfileMatch> SEARCH_ORDER = Comparator
            .comparingInt(ProfileMatch::level).reversed()
            .thenComparing(ProfileMatch::online, Comparator.reverseOrder())
            .thenComparing((ProfileMatch m) -> m.profile().updatedAt(), Comparator.reverseOrder())
            .thenComparing(m -> m.node().value());

    private final Map<UserId, Profile> profiles = new ConcurrentHashMap<>();
    private final NodeIdentityRepository nodes;

    public InMemoryProfileRepository(NodeIdentityRepository nodes) {
        this.nodes = Objects.requireNonNull(nodes, "nodes");
    }

    @Override
    public void save(Profile profile) {
        profiles.put(profile.owner(), profile);
    }

    @Override
    public Optional<Profile> findByOwner(UserId owner) {
        return Optional.ofNullable(profiles.get(owner));
    }

    @Override
    public boolean delete(UserId owner) {
        return profiles.remove(owner) != null;
    }

    @Override
    public ProfilePage search(ProfileSearch search, Set<NodeId> online) {
        List<ProfileMatch> matches = new ArrayList<>();
        for (Profile profile : profiles.values()) {
            int level = search.levelIn(profile.content().expertise());
            Optional<NodeId> primary = nodes.primaryNode(profile.owner());
            if (level == 0 || primary.isEmpty()) {
                continue;
            }
            boolean isOnline = online.contains(primary.get());
            if (search.onlineOnly() && !isOnline) {
                continue;
            }
            matches.add(new ProfileMatch(primary.get(), profile, level, isOnline, true));
        }
        matches.sort(SEARCH_ORDER);
        List<ProfileMatch> page = matches.stream().skip(search.offset()).limit(search.limit()).toList();
        return new ProfilePage(page, matches.size(), search.limit(), search.offset());
    }

    /** Forgets every profile, for tests that share one repository. */
    public void clear() {
        profiles.clear();
    }
}
