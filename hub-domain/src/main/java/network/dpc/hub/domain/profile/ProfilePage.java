package network.dpc.hub.domain.profile;

import java.util.List;
import java.util.Objects;

/**
 * One page of search results in search order, and how many profiles match in all.
 *
 * @param total every match of the search, not just this page
 */
public record ProfilePage(List<ProfileMatch> results, long total, int limit, int offset) {

    public ProfilePage {
        results = List.copyOf(Objects.requireNonNull(results, "results"));
        if (total < 0 || results.size() > limit) {
            throw new IllegalArgumentException("a page holds at most limit results and total is not negative");
        }
    }

    public static ProfilePage empty(ProfileSearch search) {
        return new ProfilePage(List.of(), 0, search.limit(), search.offset());
    }
}
