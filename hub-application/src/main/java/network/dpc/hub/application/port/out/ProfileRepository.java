package network.dpc.hub.application.port.out;

import java.util.Optional;
import java.util.Set;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.profile.Profile;
import network.dpc.hub.domain.profile.ProfilePage;
import network.dpc.hub.domain.profile.ProfileSearch;
import network.dpc.hub.domain.user.UserId;

/**
 * Stores one profile per user and answers discovery searches over them. A profile is found by search only while
 * its owner holds a registered node; the result carries that user's primary (newest) node.
 */
public interface ProfileRepository {

    /**
     * Stores {@code profile} as its owner's whole profile, replacing any earlier one.
     *
     * @throws network.dpc.hub.domain.shared.DomainException NOT_FOUND {@code user_not_found} when the owner's
     *     account no longer exists
     */
    void save(Profile profile);

    Optional<Profile> findByOwner(UserId owner);

    /** Removes the owner's profile; returns whether there was one. */
    boolean delete(UserId owner);

    /**
     * One page of the profiles matching {@code search}, ordered by matched level (highest first), then online
     * nodes first, then most recently updated, then node id; {@code total} counts every match.
     *
     * @param online the nodes online now; with {@link ProfileSearch#onlineOnly()} only these are returned
     */
    ProfilePage search(ProfileSearch search, Set<NodeId> online);
}
