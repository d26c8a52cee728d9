package network.dpc.hub.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.node.NodeIdentity;
import network.dpc.hub.domain.profile.Profile;
import network.dpc.hub.domain.profile.ProfileContent;
import network.dpc.hub.domain.profile.ProfilePage;
import network.dpc.hub.domain.profile.ProfileSearch;
import network.dpc.hub.domain.profile.TopicMatch;
import network.dpc.hub.domain.user.UserId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Discovery on a realistically filled PostgreSQL (20,000 profiles of up to 8 topics out of 500, skewed
 * popularity, 1,000 users without a node): the plans use the search index and never scan {@code profile_topics}, the topic counts the totals come
 * from stay exact through every kind of change, and a deleted account takes its profile and node ids with it.
 */
class ProfileSearchOnPostgresTest {

    private static final int USERS = 20_000;
    private static final int WITH_NODES = 19_000;
    private static PostgresDatabase database;
    private static JdbiProfileRepository profiles;
    private static JdbiNodeIdentityRepository nodes;

    @BeforeAll
    static void fill() {
        database = TestDatabase.newMigratedDatabase();
        profiles = new JdbiProfileRepository(database.jdbi());
        nodes = new JdbiNodeIdentityRepository(database.jdbi());
        database.jdbi().useHandle(h -> {
            h.execute("SELECT setseed(0.42)");
            // bulk rows skip the per-row triggers (as a bulk load would); the counts are then made in one pass
            h.execute("SET session_replication_role = replica");
            h.execute("INSERT INTO users (id, email, provider, created_at) SELECT md5('u' || i)::uuid, "
                    + "'u' || i || '@example.org', 'github', now() FROM generate_series(1, ?) i", USERS);
            h.execute("INSERT INTO node_identities (node_id, user_id, registered_at) SELECT 'dpc-node-' || "
                    + "md5('n' || i), md5('u' || i)::uuid, now() FROM generate_series(1, ?) i", WITH_NODES);
            h.execute("INSERT INTO profiles (user_id, name, expertise, updated_at) SELECT md5('u' || i)::uuid, "
                    + "'User ' || i, '{}'::jsonb, now() - i * interval '1 second' FROM generate_series(1, ?) i",
                    USERS);
            h.execute("""
                    INSERT INTO profile_topics (user_id, topic, level, updated_at, node_id)
                    SELECT p.user_id, 't' || floor(500 * power(random(), 3))::int, 1 + floor(random() * 5)::int,
                           p.updated_at, n.node_id
                      FROM profiles p LEFT JOIN node_identities n ON n.user_id = p.user_id,
                           generate_series(1, 8) slot
                    ON CONFLICT (user_id, topic) DO NOTHING
                    """);
            h.execute("INSERT INTO topic_counts (topic, level, profiles) SELECT topic, level, count(*) "
                    + "FROM profile_topics WHERE node_id IS NOT NULL GROUP BY topic, level");
            h.execute("SET session_replication_role = origin");
            h.execute("VACUUM ANALYZE");
        });
    }

    @AfterAll
    static void close() {
        database.close();
    }

    private static String plan(ProfileSearchSql statement) {
        return database.jdbi().inTransaction(h -> {
            h.createQuery(ProfileSearchSql.PLANNER_SETTINGS).mapToMap().one();
            return JdbiProfileRepository.query(h, new ProfileSearchSql("EXPLAIN " + statement.sql(),
                    statement.binds())).mapTo(String.class).list();
        }).stream().reduce("", (a, b) -> a + "\n" + b);
    }

    @ParameterizedTest(name = "{0} {1} online={2}")
    @CsvSource({"t0, EXACT, none", "t499, EXACT, none", "t1, PREFIX, none", "t12, PREFIX, none", "t0, EXACT, some",
        "t1, PREFIX, some", "t3, EXACT, only", "t1, PREFIX, only"})
    void searchPlansReadTheIndexAndNeverScanTheTopicTable(String q, TopicMatch match, String online) {
        ProfileSearch search = ProfileSearch.of(q, match, 2, 50, 0, online.equals("only"));
        List<String> onlineIds = online.equals("none") ? List.of()
                : database.jdbi().withHandle(h -> h.createQuery("SELECT node_id FROM node_identities "
                        + "ORDER BY node_id LIMIT 500").mapTo(String.class).list());

        String page = plan(ProfileSearchSql.page(search, onlineIds));
        String total = plan(ProfileSearchSql.total(search, onlineIds));

        assertThat(page).doesNotContain("Seq Scan").doesNotContain("Bitmap Heap Scan on profile_topics");
        if (!online.equals("only")) {
            assertThat(page).as("offline matches are read in result order")
                    .contains("Index Only Scan using profile_topics_search");
        }
        assertThat(total).doesNotContain("Seq Scan").doesNotContain("Bitmap Heap Scan on profile_topics");
        if (match == TopicMatch.EXACT && !online.equals("only")) {
            assertThat(total).as("exact totals come from the counts").doesNotContain("profile_topics");
        }
    }

    @Test
    void plannerSettingsSentInOneBatchHoldForTheBatchAloneAndTheRepositoryUsesThem() throws Exception {
        try (java.sql.Connection c = database.dataSource().getConnection()) {
            assertThat(c.getAutoCommit()).isTrue();
            try (var batch = c.prepareStatement(ProfileSearchSql.PLANNER_SETTINGS
                    + ";\nSELECT current_setting('enable_seqscan'), current_setting('enable_bitmapscan')")) {
                batch.execute();
                assertThat(batch.getMoreResults()).isTrue();
                try (var rs = batch.getResultSet()) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("off");
                    assertThat(rs.getString(2)).isEqualTo("off");
                }
            }
            try (var after = c.createStatement(); var rs = after.executeQuery(
                    "SELECT current_setting('enable_seqscan'), current_setting('enable_bitmapscan')")) {
                rs.next();
                assertThat(rs.getString(1)).as("gone with the batch's implicit transaction").isEqualTo("on");
                assertThat(rs.getString(2)).isEqualTo("on");
            }
        }
        ProfilePage page = profiles.search(ProfileSearch.of("t0", TopicMatch.EXACT, 1, 10, 0, false), Set.of());
        assertThat(page.results()).hasSize(10);
    }

    @Test
    void topicCountsMatchTheVisibleRowsThroughEveryKindOfChange() {
        assertCountsExact();
        List<UUID> some = database.jdbi().withHandle(h -> h.createQuery(
                "SELECT id FROM users ORDER BY id LIMIT 40").mapTo(UUID.class).list());
        UserId first = new UserId(some.get(0));
        NodeId firstNode = nodes.findByOwner(first).primary().orElseThrow().nodeId();

        nodes.delete(first, firstNode);
        assertCountsExact();
        nodes.add(new NodeIdentity(firstNode, first, Instant.now(), false), List.of());
        assertCountsExact();
        UserId second = new UserId(some.get(1));
        nodes.add(new NodeIdentity(new NodeId("dpc-node-%032x".formatted(7)), second, Instant.now(), false),
                List.of());
        assertCountsExact();
        profiles.save(new Profile(second, ProfileContent.validated("Changed", null,
                Map.of("t0", 5, "brand new", 3), null, null), Instant.now()));
        assertCountsExact();
        for (UUID id : some.subList(2, 40)) {
            database.jdbi().useHandle(h -> h.execute("DELETE FROM users WHERE id = ?", id));
        }
        assertCountsExact();
    }

    @Test
    void aDeletedAccountTakesItsProfileTopicsAndNodeIdsWithIt() {
        UUID victim = database.jdbi().withHandle(h -> h.createQuery("SELECT user_id FROM node_identities "
                + "ORDER BY node_id DESC LIMIT 1").mapTo(UUID.class).one());
        NodeId node = nodes.findByOwner(new UserId(victim)).primary().orElseThrow().nodeId();

        database.jdbi().useHandle(h -> h.execute("DELETE FROM users WHERE id = ?", victim));

        assertThat(profiles.findByOwner(new UserId(victim))).isEmpty();
        long topicsLeft = database.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM profile_topics WHERE user_id = ?").bind(0, victim).mapTo(Long.class).one());
        assertThat(topicsLeft).isZero();
        UserId heir = MigratedDatabase.insertUser(database.jdbi());
        nodes.add(new NodeIdentity(node, heir, Instant.now(), false), List.of());
        assertThat(nodes.findById(node)).map(NodeIdentity::owner).contains(heir);
    }

    @Test
    void totalsAgreeWithCountingAndPagesStayOrderedAtScale() {
        for (TopicMatch match : TopicMatch.values()) {
            ProfileSearch search = ProfileSearch.of("t1", match, 3, 100, 200, false);
            ProfilePage page = profiles.search(search, Set.of());
            String predicate = match == TopicMatch.EXACT ? "topic = 't1'" : "topic LIKE 't1%'";
            long counted = database.jdbi().withHandle(h -> h.createQuery("SELECT count(DISTINCT user_id) "
                    + "FROM profile_topics WHERE " + predicate + " AND level >= 3 AND node_id IS NOT NULL")
                    .mapTo(Long.class).one());
            assertThat(page.total()).isEqualTo(counted);
            assertThat(page.results()).hasSize(100);
            assertThat(page.results()).isSortedAccordingTo(java.util.Comparator
                    .comparingInt(network.dpc.hub.domain.profile.ProfileMatch::level).reversed()
                    .thenComparing(m -> m.profile().updatedAt(), java.util.Comparator.reverseOrder()));
        }
    }

    private static void assertCountsExact() {
        List<String> mismatches = database.jdbi().withHandle(h -> h.createQuery("""
                SELECT coalesce(c.topic, v.topic) || '/' || coalesce(c.level, v.level)
                  FROM topic_counts c
                  FULL JOIN (SELECT topic, level, count(*) AS n FROM profile_topics WHERE node_id IS NOT NULL
                              GROUP BY topic, level) v ON v.topic = c.topic AND v.level = c.level
                 WHERE coalesce(c.profiles, 0) <> coalesce(v.n, 0)
                """).mapTo(String.class).list());
        assertThat(mismatches).isEmpty();
    }
}
