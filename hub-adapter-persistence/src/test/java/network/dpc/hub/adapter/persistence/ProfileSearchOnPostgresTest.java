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
 * popularity, 1,000 users without a node): the plans use the search indexes and never scan {@code profile_topics},
 * both ways of reading a prefix give the same pages, the topic and prefix counts the totals come from stay exact
 * through every kind of change, and a deleted account takes its profile and node ids with it.
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
            h.execute("SET session_replication_role = origin");
            h.execute("SELECT rebuild_search_counts()");
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

    @ParameterizedTest(name = "{0} {1} online={2} {3}")
    @CsvSource({"t0, EXACT, none, CHOSEN", "t499, EXACT, none, CHOSEN", "t1, PREFIX, none, CHOSEN",
        "t12, PREFIX, none, CHOSEN", "t0, EXACT, some, CHOSEN", "t1, PREFIX, some, CHOSEN", "t3, EXACT, only, CHOSEN",
        "t1, PREFIX, only, CHOSEN", "t, PREFIX, none, IN_RESULT_ORDER", "t1, PREFIX, some, IN_RESULT_ORDER",
        "t49, PREFIX, none, PER_TOPIC", "t4999999999999999, PREFIX, none, CHOSEN"})
    void searchPlansReadTheIndexAndNeverScanTheTopicTable(String q, TopicMatch match, String online,
            ProfileSearchSql.PrefixPlan prefixPlan) {
        ProfileSearch search = ProfileSearch.of(q, match, 2, 50, 0, online.equals("only"));
        List<String> onlineIds = online.equals("none") ? List.of()
                : database.jdbi().withHandle(h -> h.createQuery("SELECT node_id FROM node_identities "
                        + "ORDER BY node_id LIMIT 500").mapTo(String.class).list());

        String page = plan(ProfileSearchSql.page(search, onlineIds, prefixPlan));
        String total = plan(ProfileSearchSql.total(search, onlineIds));

        assertThat(page).doesNotContain("Seq Scan").doesNotContain("Bitmap Heap Scan on profile_topics");
        if (!online.equals("only") && prefixPlan != ProfileSearchSql.PrefixPlan.IN_RESULT_ORDER) {
            assertThat(page).as("offline matches are read in result order, per topic")
                    .contains("Index Only Scan using profile_topics_search");
        }
        boolean counted = q.length() <= ProfileSearchSql.COUNTED_PREFIX_LENGTH;
        if (match == TopicMatch.PREFIX && !online.equals("only") && prefixPlan != ProfileSearchSql.PrefixPlan.PER_TOPIC
                && counted) {
            assertThat(page).as("a broad prefix is read from the head of all rows in result order")
                    .contains("Index Only Scan using profile_topics_order")
                    .doesNotContain("Sort Key: pt.level DESC, pt.updated_at DESC");
        }
        assertThat(total).doesNotContain("Seq Scan").doesNotContain("Bitmap Heap Scan on profile_topics");
        if (!online.equals("only") && (match == TopicMatch.EXACT || counted)) {
            assertThat(total).as("totals come from the counts").doesNotContain("profile_topics");
        }
    }

    @ParameterizedTest(name = "{0} min_level={1} offset={2} online={3}")
    @CsvSource({"t, 1, 0, false", "t, 5, 0, false", "t, 3, 950, false", "t1, 1, 0, false", "t1, 2, 100, true",
        "t12, 1, 0, false", "t12, 4, 20, true", "t49, 1, 0, false", "t4, 5, 40, true", "t0, 1, 0, true",
        "t2, 1, 300, false"})
    void bothWaysOfReadingAPrefixGiveTheSamePageAsCountingDoes(String q, int minLevel, int offset, boolean online) {
        ProfileSearch search = ProfileSearch.of(q, TopicMatch.PREFIX, minLevel, 50, offset, false);
        List<String> onlineIds = online ? database.jdbi().withHandle(h -> h.createQuery("SELECT node_id FROM "
                + "node_identities ORDER BY md5(node_id) LIMIT 300").mapTo(String.class).list()) : List.of();

        List<String> perTopic = pageNodes(ProfileSearchSql.page(search, onlineIds,
                ProfileSearchSql.PrefixPlan.PER_TOPIC));
        List<String> inResultOrder = pageNodes(ProfileSearchSql.page(search, onlineIds,
                ProfileSearchSql.PrefixPlan.IN_RESULT_ORDER));
        List<String> chosen = pageNodes(ProfileSearchSql.page(search, onlineIds));
        List<String> bruteForce = database.jdbi().withHandle(h -> h.createQuery("""
                SELECT node_id FROM (
                    SELECT DISTINCT ON (user_id) user_id, node_id, level, updated_at,
                           node_id = ANY(CAST(:online AS text[])) AS online
                      FROM profile_topics WHERE topic LIKE :q || '%' AND level >= :minLevel AND node_id IS NOT NULL
                     ORDER BY user_id, level DESC) best
                 ORDER BY level DESC, online DESC, updated_at DESC, node_id COLLATE "C"
                 LIMIT 50 OFFSET :offset
                """).bind("online", onlineIds.toArray(String[]::new)).bind("q", q).bind("minLevel", minLevel)
                .bind("offset", offset).mapTo(String.class).list());

        assertThat(bruteForce).isNotEmpty();
        assertThat(perTopic).isEqualTo(bruteForce);
        assertThat(inResultOrder).isEqualTo(bruteForce);
        assertThat(chosen).isEqualTo(bruteForce);
    }

    private static List<String> pageNodes(ProfileSearchSql statement) {
        return database.jdbi().inTransaction(h -> {
            h.createQuery(ProfileSearchSql.PLANNER_SETTINGS).mapToMap().one();
            return JdbiProfileRepository.query(h, statement).map((rs, ctx) -> rs.getString("node_id")).list();
        });
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
        profiles.save(new Profile(second, ProfileContent.validated("Changed again", null,
                Map.of("t0", 2, "t1", 4, "t12", 1, "brand newer", 5, "t123456789012345678", 3), null, null),
                Instant.now()));
        assertCountsExact();
        profiles.save(new Profile(second, ProfileContent.validated("Same again", null,
                Map.of("t0", 2, "t1", 4, "t12", 1, "brand newer", 5, "t123456789012345678", 3), null, null),
                Instant.now()));
        assertCountsExact();
        profiles.save(new Profile(second, ProfileContent.validated("Levels only", null,
                Map.of("t0", 5, "t1", 1, "t12", 3, "brand newer", 1, "t123456789012345678", 5), null, null),
                Instant.now()));
        assertCountsExact();
        UserId third = new UserId(some.get(2));
        NodeId thirdNode = nodes.findByOwner(third).primary().orElseThrow().nodeId();
        NodeId newer = new NodeId("dpc-node-%032x".formatted(8));
        nodes.add(new NodeIdentity(newer, third, Instant.now(), false), List.of());
        nodes.delete(third, newer);
        nodes.delete(third, thirdNode);
        assertCountsExact();
        profiles.save(new Profile(third, ProfileContent.validated("Nodeless", null, Map.of("t1", 5, "t7", 2), null,
                null), Instant.now()));
        assertCountsExact();
        nodes.add(new NodeIdentity(thirdNode, third, Instant.now(), false), List.of());
        assertCountsExact();
        profiles.delete(third);
        assertCountsExact();
        for (UUID id : some.subList(3, 10)) {
            database.jdbi().useHandle(h -> h.execute("DELETE FROM users WHERE id = ?", id));
        }
        assertCountsExact();
        for (int i = 10; i < 14; i++) { // some of them with a second and third node
            for (int extra = 0; extra < 2; extra++) {
                nodes.add(new NodeIdentity(new NodeId("dpc-node-%032x".formatted(3000 + i * 2 + extra)),
                        new UserId(some.get(i)), Instant.now(), false), List.of());
            }
        }
        assertCountsExact();
        UUID[] many = some.subList(10, 40).toArray(UUID[]::new);
        database.jdbi().useHandle(h -> h.execute("DELETE FROM users WHERE id = ANY(?)", (Object) many));
        assertCountsExact();
        for (TopicMatch match : TopicMatch.values()) {
            for (String q : List.of("t", "t1", "t12", "brand", "t12345678901234567", "x")) {
                for (int minLevel = 1; minLevel <= 5; minLevel++) {
                    ProfileSearch search = ProfileSearch.of(q, match, minLevel, 10, 0, false);
                    assertThat(profiles.search(search, Set.of()).total()).as("%s %s %d", q, match, minLevel)
                            .isEqualTo(counted(q, match, minLevel));
                }
            }
        }
    }

    @Test
    void concurrentSavesAndNodeChangesKeepTheCountsExact() throws Exception {
        List<UUID> owners = new java.util.ArrayList<>();
        for (int i = 0; i < 24; i++) {
            UserId owner = MigratedDatabase.insertUser(database.jdbi());
            nodes.add(new NodeIdentity(new NodeId("dpc-node-%032x".formatted(2000 + i)), owner, Instant.now(), false),
                    List.of());
            owners.add(owner.value());
        }
        List<String> vocabulary = List.of("t0", "t1", "t10", "t11", "t12", "t100", "t2", "t20", "t3", "z");
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(6)) {
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int i = 0; i < owners.size(); i++) {
                UserId owner = new UserId(owners.get(i));
                int seed = i;
                done.add(pool.submit(() -> {
                    java.util.Random random = new java.util.Random(seed);
                    for (int round = 0; round < 6; round++) {
                        Map<String, Integer> expertise = new java.util.HashMap<>();
                        for (String topic : vocabulary) {
                            if (random.nextInt(3) > 0) {
                                expertise.put(topic, 1 + random.nextInt(5));
                            }
                        }
                        expertise.putIfAbsent("t1", 3);
                        profiles.save(new Profile(owner, ProfileContent.validated("Racer", null, expertise, null,
                                null), Instant.now()));
                        if (round == 3) {
                            NodeId extra = new NodeId("dpc-node-%032x".formatted(1000 + seed));
                            nodes.add(new NodeIdentity(extra, owner, Instant.now(), false), List.of());
                            nodes.delete(owner, extra);
                        }
                    }
                    return null;
                }));
            }
            for (var future : done) {
                future.get();
            }
        }
        assertCountsExact();
    }

    private static long counted(String q, TopicMatch match, int minLevel) {
        String predicate = match == TopicMatch.EXACT ? "topic = :q" : "topic LIKE :q || '%'";
        return database.jdbi().withHandle(h -> h.createQuery("SELECT count(DISTINCT user_id) FROM profile_topics "
                + "WHERE " + predicate + " AND level >= :minLevel AND node_id IS NOT NULL").bind("q", q)
                .bind("minLevel", minLevel).mapTo(Long.class).one());
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
        // each visible user once per prefix (1 to 16 characters) of their topics, at their best level there
        List<String> prefixMismatches = database.jdbi().withHandle(h -> h.createQuery("""
                SELECT coalesce(c.prefix, v.prefix) || '/' || coalesce(c.level, v.level) || ': '
                       || coalesce(c.users, 0) || ' counted, ' || coalesce(v.n, 0) || ' visible'
                  FROM prefix_counts c
                  FULL JOIN (SELECT prefix, level, count(*) AS n FROM (
                                 SELECT user_id, left(topic, n) AS prefix, max(level) AS level
                                   FROM profile_topics, generate_series(1, least(char_length(topic), 16)) n
                                  WHERE node_id IS NOT NULL GROUP BY 1, 2) best
                              GROUP BY prefix, level) v ON v.prefix = c.prefix AND v.level = c.level
                 WHERE coalesce(c.users, 0) <> coalesce(v.n, 0)
                """).mapTo(String.class).list());
        assertThat(prefixMismatches).isEmpty();
    }
}
