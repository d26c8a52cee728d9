package network.dpc.hub.adapter.http.profile;

import static network.dpc.hub.adapter.http.TestHttpClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import network.dpc.hub.adapter.http.profile.ProfileTestHub.Account;
import network.dpc.hub.application.fake.RecordingSessionCloser.ClosedUser;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.node.NodeIdentity;
import network.dpc.hub.domain.signaling.SocketClose;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProfileRoutesTest {

    private static ProfileTestHub hub;

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
    }

    private static Map<String, Object> full() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Ada Lovelace");
        body.put("description", "Analytical engines");
        Map<String, Object> expertise = new LinkedHashMap<>();
        expertise.put("Machine Learning", 5);
        expertise.put("C++", 3);
        body.put("expertise", expertise);
        body.put("compute", Map.of("gpu", Map.of("model", "RTX 4090", "vram_gb", 24), "cores", 16));
        body.put("p2p_uri_hint", "dpc://ada");
        return body;
    }

    private static void assertValidationError(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        JsonNode body = json(response);
        assertThat(body.get("code").asText()).isEqualTo("validation_error");
        assertThat(body.get("detail").asText()).isNotBlank();
        assertThat(body.get("errors")).isNotEmpty();
        assertThat(body.get("errors")).extracting(e -> e.get("field").asText()).contains(field);
        assertThat(body.get("errors")).allSatisfy(e -> assertThat(e.get("message").asText()).isNotBlank());
    }

    @Test
    void putCreatesTheProfileAndAnswersWithExactlyTheContractFields() {
        Account ada = hub.signUp("ada");
        NodeId node = hub.registerNode(ada);

        HttpResponse<String> response = hub.put(ada.token(), full());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.properties()).extracting(Map.Entry::getKey).containsExactly("node_id", "name",
                "description", "expertise", "compute", "p2p_uri_hint", "user_id", "updated_at");
        assertThat(body.get("node_id").asText()).isEqualTo(node.value());
        assertThat(body.get("name").asText()).isEqualTo("Ada Lovelace");
        assertThat(body.get("description").asText()).isEqualTo("Analytical engines");
        assertThat(body.get("expertise").get("Machine Learning").intValue()).isEqualTo(5);
        assertThat(body.get("expertise").get("C++").intValue()).isEqualTo(3);
        assertThat(body.get("compute").get("gpu").get("vram_gb").intValue()).isEqualTo(24);
        assertThat(body.get("p2p_uri_hint").asText()).isEqualTo("dpc://ada");
        assertThat(body.get("user_id").asText()).isEqualTo(ada.user().id().toString());
        assertThat(body.get("updated_at").asText()).isEqualTo("2026-11-27T09:30:00Z");
        assertThat(json(hub.get(ada.token(), "/profile"))).isEqualTo(body);
    }

    @Test
    void putReplacesTheWholeProfileAndLeftOutFieldsBecomeEmpty() {
        Account ada = hub.signUp("ada");
        hub.put(ada.token(), full());
        hub.clock.advance(Duration.ofMinutes(3));

        HttpResponse<String> response = hub.put(ada.token(), Map.of("name", "Ada"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(hub.get(ada.token(), "/profile"));
        assertThat(body.get("name").asText()).isEqualTo("Ada");
        assertThat(body.get("description").isNull()).isTrue();
        assertThat(body.get("expertise").isEmpty()).isTrue();
        assertThat(body.get("compute").isNull()).isTrue();
        assertThat(body.get("p2p_uri_hint").isNull()).isTrue();
        assertThat(body.get("node_id").isNull()).as("no node registered").isTrue();
        assertThat(body.get("updated_at").asText()).isEqualTo("2026-11-27T09:33:00Z");
    }

    @Test
    void unknownFieldsAreIgnored() {
        Account ada = hub.signUp("ada");
        Map<String, Object> body = full();
        body.put("favourite_colour", "green");
        body.put("user_id", "00000000-0000-0000-0000-000000000000");
        body.put("updated_at", "1999-01-01T00:00:00Z");

        HttpResponse<String> response = hub.put(ada.token(), body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).has("favourite_colour")).isFalse();
        assertThat(json(response).get("user_id").asText()).isEqualTo(ada.user().id().toString());
        assertThat(json(response).get("updated_at").asText()).isEqualTo("2026-11-27T09:30:00Z");
    }

    @Test
    void theBoundsThemselvesAreAccepted() {
        Account ada = hub.signUp("ada");
        Map<String, Object> expertise = new LinkedHashMap<>();
        for (int i = 0; i < 100; i++) {
            expertise.put("t" + i, 1 + i % 5);
        }
        expertise.put("t0", 1);
        expertise.remove("t99");
        expertise.put("x".repeat(50), 5);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "é".repeat(100));
        body.put("description", "ü".repeat(500));
        body.put("expertise", expertise);
        body.put("compute", Map.of("blob", "z".repeat(4096 - "{\"blob\":\"\"}".length())));
        body.put("p2p_uri_hint", "h".repeat(500));

        HttpResponse<String> response = hub.put(ada.token(), body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).get("expertise")).hasSize(100);
    }

    static Stream<Arguments> invalidBodies() {
        return Stream.of(
                Arguments.of("name missing", Map.of("description", "x"), "name"),
                Arguments.of("name empty", Map.of("name", ""), "name"),
                Arguments.of("name 101 chars", Map.of("name", "n".repeat(101)), "name"),
                Arguments.of("name not a string", Map.of("name", 42), "name"),
                Arguments.of("name with NUL", Map.of("name", "a\u0000b"), "name"),
                Arguments.of("description 501 chars", Map.of("name", "A", "description", "d".repeat(501)),
                        "description"),
                Arguments.of("description not a string", Map.of("name", "A", "description", List.of("x")),
                        "description"),
                Arguments.of("expertise not an object", Map.of("name", "A", "expertise", List.of("python")),
                        "expertise"),
                Arguments.of("expertise 101 topics", Map.of("name", "A", "expertise", topics(101)), "expertise"),
                Arguments.of("topic 51 chars", Map.of("name", "A", "expertise", Map.of("t".repeat(51), 3)),
                        "expertise." + "t".repeat(50) + "…"),
                Arguments.of("topic empty", Map.of("name", "A", "expertise", Map.of("", 3)), "expertise."),
                Arguments.of("topic without canonical form", Map.of("name", "A", "expertise", Map.of("+++", 3)),
                        "expertise.+++"),
                Arguments.of("level 0", Map.of("name", "A", "expertise", Map.of("python", 0)), "expertise.python"),
                Arguments.of("level 6", Map.of("name", "A", "expertise", Map.of("python", 6)), "expertise.python"),
                Arguments.of("level a string", Map.of("name", "A", "expertise", Map.of("python", "3")),
                        "expertise.python"),
                Arguments.of("level a fraction", Map.of("name", "A", "expertise", Map.of("python", 3.5)),
                        "expertise.python"),
                Arguments.of("level a boolean", Map.of("name", "A", "expertise", Map.of("python", true)),
                        "expertise.python"),
                Arguments.of("level null", Map.of("name", "A", "expertise", nullLevel()), "expertise.python"),
                Arguments.of("compute an array", Map.of("name", "A", "compute", List.of(1, 2)), "compute"),
                Arguments.of("compute a string", Map.of("name", "A", "compute", "{}"), "compute"),
                Arguments.of("compute over 4 KiB", Map.of("name", "A", "compute",
                        Map.of("blob", "z".repeat(4097 - "{\"blob\":\"\"}".length()))), "compute"),
                Arguments.of("compute with NUL", Map.of("name", "A", "compute", Map.of("k", "\u0000")), "compute"),
                Arguments.of("hint 501 chars", Map.of("name", "A", "p2p_uri_hint", "h".repeat(501)), "p2p_uri_hint"),
                Arguments.of("hint not a string", Map.of("name", "A", "p2p_uri_hint", Map.of()), "p2p_uri_hint"));
    }

    private static Map<String, Object> topics(int count) {
        Map<String, Object> topics = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            topics.put("topic" + i, 3);
        }
        return topics;
    }

    private static Map<String, Object> nullLevel() {
        Map<String, Object> topics = new LinkedHashMap<>();
        topics.put("python", null);
        return topics;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBodies")
    void everyRuleOfTheProfileIsA422NamingTheFieldAndStoresNothing(String rule, Map<String, Object> body,
            String field) {
        Account ada = hub.signUp("ada");

        assertValidationError(hub.put(ada.token(), body), field);

        assertThat(hub.profiles.findByOwner(ada.user().id())).isEmpty();
    }

    @Test
    void twoTopicsWithTheSameCanonicalFormAreA422() {
        Account ada = hub.signUp("ada");
        Map<String, Object> expertise = new LinkedHashMap<>();
        expertise.put("Machine Learning", 4);
        expertise.put("machine-learning", 2);

        HttpResponse<String> response = hub.put(ada.token(), Map.of("name", "Ada", "expertise", expertise));

        assertValidationError(response, "expertise.machine-learning");
        assertThat(json(response).get("errors").get(0).get("message").asText()).contains("machinelearning");
        assertThat(hub.profiles.findByOwner(ada.user().id())).isEmpty();
    }

    @Test
    void severalProblemsAreListedTogether() {
        Account ada = hub.signUp("ada");
        HttpResponse<String> response = hub.put(ada.token(), Map.of("name", 5, "description", "d".repeat(600),
                "expertise", Map.of("python", 9), "p2p_uri_hint", false));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json(response).get("errors")).extracting(e -> e.get("field").asText())
                .containsExactlyInAnyOrder("name", "description", "expertise.python", "p2p_uri_hint");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{not json", "[1,2]", "\"text\"", "42"})
    void bodiesThatAreNoJsonObjectAre422(String raw) {
        Account ada = hub.signUp("ada");

        HttpResponse<String> response = hub.putRaw(ada.token(), raw);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json(response).get("errors").get(0).get("field").asText()).isEqualTo("body");
        assertThat(hub.profiles.findByOwner(ada.user().id())).isEmpty();
    }

    @Test
    void ownProfileIs404UntilWrittenAndNodeProfilesAreFoundThroughAnyOfTheOwnersNodes() {
        Account ada = hub.signUp("ada");
        Account bob = hub.signUp("bob");
        NodeId older = hub.registerNode(ada);
        hub.clock.advance(Duration.ofMinutes(1));
        NodeId primary = hub.registerNode(ada);

        HttpResponse<String> missing = hub.get(ada.token(), "/profile");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).get("code").asText()).isEqualTo("profile_not_found");
        assertThat(hub.get(bob.token(), "/profile/" + older.value()).statusCode()).isEqualTo(404);

        hub.put(ada.token(), full());

        HttpResponse<String> viaOlder = hub.get(bob.token(), "/profile/" + older.value());
        assertThat(viaOlder.statusCode()).isEqualTo(200);
        assertThat(json(viaOlder).get("node_id").asText()).isEqualTo(primary.value());
        assertThat(json(viaOlder).get("name").asText()).isEqualTo("Ada Lovelace");
        assertThat(json(hub.get(bob.token(), "/profile/" + primary.value()))).isEqualTo(json(viaOlder));
        for (String path : List.of("/profile/dpc-node-00000000000000000000000000000999", "/profile/not-a-node",
                "/profile/DPC-NODE-0123456789ABCDEF")) {
            HttpResponse<String> unknown = hub.get(bob.token(), path);
            assertThat(unknown.statusCode()).as(path).isEqualTo(404);
            assertThat(json(unknown).get("code").asText()).isEqualTo("profile_not_found");
        }
    }

    @Test
    void deletingTheProfileDeletesTheAccountKillsItsTokenClosesItsSocketsAndFreesItsNodeIds() {
        Account ada = hub.signUp("ada");
        Account bob = hub.signUp("bob");
        NodeId node = hub.registerNode(ada);
        hub.put(ada.token(), full());

        HttpResponse<String> deleted = hub.delete(ada.token(), "/profile");

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        HttpResponse<String> after = hub.get(ada.token(), "/profile");
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(after.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                v -> assertThat(v).startsWith("Bearer"));
        assertThat(hub.delete(ada.token(), "/profile").statusCode()).isEqualTo(401);
        assertThat(hub.users.findById(ada.user().id())).isEmpty();
        assertThat(hub.profiles.findByOwner(ada.user().id())).isEmpty();
        assertThat(hub.nodes.findByOwner(ada.user().id()).nodes()).isEmpty();
        assertThat(hub.sessions.closedUsers()).containsExactly(new ClosedUser(ada.user().id(), SocketClose.REVOKED));

        hub.nodes.add(new NodeIdentity(node, bob.user().id(), hub.clock.instant(), false), List.of());
        assertThat(hub.nodes.findById(node)).map(NodeIdentity::owner).contains(bob.user().id());
        assertThat(hub.get(bob.token(), "/profile/" + node.value()).statusCode()).isEqualTo(404);
    }

    @Test
    void everyRouteWantsABearerToken() {
        for (HttpResponse<String> response : List.of(hub.put(null, full()), hub.get(null, "/profile"),
                hub.get(null, "/profile/dpc-node-0123456789abcdef"), hub.get(null, "/discovery/search?q=python"),
                hub.delete("forged", "/profile"))) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(json(response).get("code").asText()).isIn("not_authenticated", "invalid_token");
        }
    }
}
