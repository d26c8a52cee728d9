package network.dpc.hub.adapter.http.profile;

import static network.dpc.hub.adapter.http.TestHttpClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import network.dpc.hub.adapter.http.profile.ProfileTestHub.Account;
import network.dpc.hub.domain.node.NodeId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DiscoverySearchRoutesTest {

    private static ProfileTestHub hub;
    private Account searcher;

    @BeforeAll
    static void start() {
        hub = new ProfileTestHub();
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @BeforeEach
    void reset() {
        hub.reset();
        searcher = hub.signUp("searcher");
    }

    /** A user with a node and a profile written now; the clock then moves on a minute. */
    private NodeId person(String name, Object... topicThenLevel) {
        Account account = hub.signUp(name.toLowerCase());
        NodeId node = hub.registerNode(account);
        Map<String, Object> expertise = new LinkedHashMap<>();
        for (int i = 0; i < topicThenLevel.length; i += 2) {
            expertise.put((String) topicThenLevel[i], topicThenLevel[i + 1]);
        }
        HttpResponse<String> written = hub.put(account.token(), Map.of("name", name, "description", "about " + name,
                "expertise", expertise));
        assertThat(written.statusCode()).as(written.body()).isEqualTo(200);
        hub.clock.advance(Duration.ofMinutes(1));
        return node;
    }

    private HttpResponse<String> search(String query) {
        return hub.get(searcher.token(), "/discovery/search?" + query);
    }

    private static String q(String text) {
        return "q=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static List<String> names(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        json(response).get("results").forEach(r -> names.add(r.get("name").asText()));
        return names;
    }

    @Test
    void answersInTheClientsShapeWithCanonicalMatching() {
        NodeId ada = person("Ada", "Machine Learning", 4, "C++", 2);

        HttpResponse<String> response = search(q("machine-LEARNING"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.properties()).extracting(Map.Entry::getKey)
                .containsExactly("results", "total", "limit", "offset");
        assertThat(body.get("total").asLong()).isEqualTo(1);
        assertThat(body.get("limit").asInt()).isEqualTo(50);
        assertThat(body.get("offset").asInt()).isZero();
        JsonNode result = body.get("results").get(0);
        assertThat(result.properties()).extracting(Map.Entry::getKey)
                .containsExactly("node_id", "name", "description", "expertise", "online", "verified");
        assertThat(result.get("node_id").asText()).isEqualTo(ada.value());
        assertThat(result.get("name").asText()).isEqualTo("Ada");
        assertThat(result.get("description").asText()).isEqualTo("about Ada");
        assertThat(result.get("expertise").get("Machine Learning").intValue()).isEqualTo(4);
        assertThat(result.get("online").booleanValue()).isFalse();
        assertThat(result.get("verified").booleanValue()).isTrue();
        assertThat(names(search(q("c++")))).containsExactly("Ada");
        assertThat(names(search(q("learning")))).isEmpty();
        assertThat(json(search(q("!!!"))).get("total").asLong()).as("nothing left after canonicalisation")
                .isZero();
    }

    @Test
    void prefixLevelFilterAndOrder() {
        person("Low", "Python", 2);
        person("HighOld", "Python 3", 5);
        person("HighNew", "python", 5);
        person("Mid", "PyTorch", 3, "Python", 1);
        person("Other", "Rust", 5);

        assertThat(names(search(q("py") + "&match=prefix"))).containsExactly("HighNew", "HighOld", "Mid", "Low");
        assertThat(names(search(q("python")))).containsExactly("HighNew", "Low", "Mid");
        assertThat(names(search(q("python") + "&min_level=2"))).containsExactly("HighNew", "Low");
        assertThat(json(search(q("py") + "&match=prefix&min_level=3")).get("total").asLong()).isEqualTo(3);
        assertThat(names(search(q("py") + "&match=exact"))).isEmpty();
    }

    @Test
    void pagesAreStableAndTotalCountsEveryMatch() {
        for (int i = 0; i < 12; i++) {
            person("P" + i, "go", 1 + i % 3);
        }
        List<String> all = names(search(q("go") + "&limit=100"));
        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < 12; offset += 5) {
            HttpResponse<String> page = search(q("go") + "&limit=5&offset=" + offset);
            assertThat(json(page).get("total").asLong()).isEqualTo(12);
            assertThat(json(page).get("limit").asInt()).isEqualTo(5);
            assertThat(json(page).get("offset").asInt()).isEqualTo(offset);
            paged.addAll(names(page));
        }
        assertThat(paged).containsExactlyElementsOf(all).hasSize(12);
        assertThat(names(search(q("go") + "&offset=50"))).isEmpty();
    }

    @Test
    void onlineNodesComeFirstWithinALevelAndCanBeTheOnlyOnes() {
        person("Old", "java", 4);
        NodeId online = person("OnlineOld", "java", 4);
        person("New", "java", 4);
        hub.presence.setOnline(online);

        assertThat(names(search(q("java")))).containsExactly("OnlineOld", "New", "Old");
        HttpResponse<String> onlyOnline = search(q("java") + "&online=true");
        assertThat(names(onlyOnline)).containsExactly("OnlineOld");
        assertThat(json(onlyOnline).get("total").asLong()).isEqualTo(1);
        assertThat(json(onlyOnline).get("results").get(0).get("online").booleanValue()).isTrue();
        assertThat(json(search(q("java") + "&online=false")).get("total").asLong()).isEqualTo(3);
    }

    @Test
    void usersWithoutANodeAreNotFound() {
        Account nodeless = hub.signUp("nodeless");
        hub.put(nodeless.token(), Map.of("name", "Nodeless", "expertise", Map.of("haskell", 5)));
        person("Reachable", "haskell", 1);

        HttpResponse<String> response = search(q("haskell"));

        assertThat(names(response)).containsExactly("Reachable");
        assertThat(json(response).get("total").asLong()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "q=", "q=x&min_level=0", "q=x&min_level=6", "q=x&min_level=high", "q=x&limit=0",
        "q=x&limit=101", "q=x&limit=ten", "q=x&offset=-1", "q=x&offset=99999999999", "q=x&match=fuzzy",
        "q=x&online=maybe"})
    void badParametersAre400(String query) {
        HttpResponse<String> response = search(query);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response).get("code").asText()).isEqualTo("invalid_query");
        assertThat(json(response).get("detail").asText()).isNotBlank();
    }

    @Test
    void theQueryMayBeAHundredCharactersButNoMore() {
        person("Long", "a".repeat(50), 3);

        assertThat(search(q("a".repeat(100))).statusCode()).isEqualTo(200);
        assertThat(search(q("é".repeat(100))).statusCode()).isEqualTo(200);
        HttpResponse<String> tooLong = search(q("a".repeat(101)));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(json(tooLong).get("detail").asText()).contains("100");
        assertThat(names(search(q("a".repeat(50))))).containsExactly("Long");
        assertThat(names(search(q(" ") + "&match=prefix"))).as("a blank query matches nothing").isEmpty();
    }
}
