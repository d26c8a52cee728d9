package network.dpc.hub.adapter.http.profile;

import java.util.List;
import java.util.Map;
import network.dpc.hub.domain.profile.ProfileMatch;
import network.dpc.hub.domain.profile.ProfilePage;

/** The body of {@code GET /discovery/search} (contract §4). */
record SearchResponse(List<Result> results, long total, int limit, int offset) {

    static SearchResponse from(ProfilePage page) {
        return new SearchResponse(page.results().stream().map(Result::from).toList(), page.total(), page.limit(),
                page.offset());
    }

    /** One found node with its owner's profile. */
    record Result(String nodeId, String name, String description, Map<String, Integer> expertise, boolean online,
            boolean verified) {

        static Result from(ProfileMatch match) {
            var content = match.profile().content();
            return new Result(match.node().value(), content.name(), content.description().orElse(null),
                    ProfileResponse.written(content.expertise()), match.online(), match.verified());
        }
    }
}
