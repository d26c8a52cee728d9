package network.dpc.hub.adapter.persistence;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import network.dpc.hub.domain.profile.ProfileSearch;
import network.dpc.hub.domain.profile.TopicMatch;

/**
 * The SQL of one discovery search, built from fixed fragments with every value bound.
 *
 * <p>Offline matches of an exact search come from {@code profile_topics_search} in result order, at most
 * {@code offset + limit}. A prefix is read one of two ways (see {@link PrefixPlan}): per topic in its range as
 * above, or, when it covers a large share of all rows, from the head of {@code profile_topics_order} (all visible
 * rows in result order) with the prefix as a filter. Online matches are looked up from the online node ids through
 * {@code node_identities}. Online first within a level needs nothing more: the page is the first
 * {@code offset + limit} of the union of both. With nobody online the online part is left out. A prefix search
 * keeps each user once, at their best matching level. Totals come from {@code topic_counts} (exact) and
 * {@code prefix_counts} (prefixes of up to {@value #COUNTED_PREFIX_LENGTH} characters); only online-only searches
 * and longer prefixes count rows.
 *
 * @param sql the statement
 * @param binds its named parameters
 */
record ProfileSearchSql(String sql, Map<String, Object> binds) {

    private static final java.util.regex.Pattern NAMED = java.util.regex.Pattern.compile("(?<![:\\w]):([A-Za-z]\\w*)");
    /** Converted statements by their named text: every search of one shape reuses its conversion. */
    private static final java.util.Map<String, Positional> POSITIONAL = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_CACHED_SHAPES = 256;

    /**
     * Run first, in the search's transaction. The planner's row estimates for one topic are averages over all
     * topics, far too low for a popular one, and it cannot estimate a prefix filter at all; left alone it may read a
     * whole topic (bitmap scan, then sort), the whole table, or a whole index and sort it, where walking an index in
     * result order stops after one page. Sequential and bitmap scans and explicit sorts below the page are switched
     * off for the search alone (the sorts of the page itself and of the per-user deduplication remain, as no plan
     * can do without them). So are parallel workers: a server-prepared (generic) plan does not know the page size,
     * and starting workers costs more than reading one page.
     */
    static final String PLANNER_SETTINGS = "SELECT set_config('enable_seqscan', 'off', true) AS seqscan, "
            + "set_config('enable_bitmapscan', 'off', true) AS bitmapscan, "
            + "set_config('enable_sort', 'off', true) AS sort, "
            + "set_config('max_parallel_workers_per_gather', '0', true) AS parallel";

    private static final String HIT_COLUMNS = "pt.user_id, pt.node_id, pt.level, pt.updated_at";

    /** The longest prefix {@code prefix_counts} counts (as {@code topic_prefixes} in V6__profile_prefix_search.sql). */
    static final int COUNTED_PREFIX_LENGTH = 16;

    /**
     * A prefix is broad when its users (at the minimum level or above) times this are at least the number of topic
     * rows: walking the rows in result order then meets a match at least every this many rows, so a page costs at
     * most this many index entries per result, whatever the number of profiles.
     */
    static final int BROAD_PREFIX_RATIO = 64;

    /** How the offline part of a prefix search is read. */
    enum PrefixPlan {
        /** Decided per search from {@code prefix_counts}: {@link #IN_RESULT_ORDER} for broad prefixes. */
        CHOSEN,
        /** At most {@code offset + limit} entries of each topic in the range, merged. */
        PER_TOPIC,
        /** The head of all visible rows in result order, filtered by the prefix, each user at their best level. */
        IN_RESULT_ORDER
    }

    /** The page of results: node_id, level, online and the profile columns, in result order. */
    static ProfileSearchSql page(ProfileSearch search, List<String> online) {
        return page(search, online, PrefixPlan.CHOSEN);
    }

    /** The page, reading a prefix's offline matches as {@code plan} says (tests compare the plans). */
    static ProfileSearchSql page(ProfileSearch search, List<String> online, PrefixPlan plan) {
        Map<String, Object> binds = binds(search, online);
        binds.put("limit", search.limit());
        binds.put("offset", search.offset());
        binds.put("window", (long) search.offset() + search.limit());
        String sql = "WITH " + hits(search, online, plan) + """
                , page AS (
                    SELECT * FROM hits
                     ORDER BY level DESC, online DESC, updated_at DESC, node_id
                     LIMIT :limit OFFSET :offset)
                SELECT page.node_id, page.level, page.online, p.user_id, p.name, p.description,
                       p.expertise::text AS expertise, p.compute::text AS compute, p.p2p_uri_hint, p.updated_at
                  FROM page JOIN profiles p ON p.user_id = page.user_id
                 ORDER BY page.level DESC, page.online DESC, page.updated_at DESC, page.node_id
                """;
        return new ProfileSearchSql(sql, binds);
    }

    /** How many profiles match in all: from {@code topic_counts} or {@code prefix_counts}, else by counting. */
    static ProfileSearchSql total(ProfileSearch search, List<String> online) {
        Map<String, Object> binds = binds(search, online);
        if (search.onlineOnly()) {
            String counted = search.match() == TopicMatch.EXACT ? "count(*)" : "count(DISTINCT user_id)";
            return new ProfileSearchSql("SELECT " + counted + " FROM (" + onlineHits(search) + ") o", binds);
        }
        if (search.match() == TopicMatch.EXACT) {
            return new ProfileSearchSql("SELECT coalesce(sum(profiles), 0) FROM topic_counts "
                    + "WHERE topic = :topic AND level >= :minLevel", binds);
        }
        if (counted(search)) {
            return new ProfileSearchSql("SELECT coalesce(sum(users), 0) FROM prefix_counts "
                    + "WHERE prefix = :low AND level >= :minLevel", binds);
        }
        return new ProfileSearchSql("""
                SELECT CASE WHEN (SELECT count(DISTINCT topic) FROM topic_counts c
                                   WHERE c.topic >= :low AND c.topic < :high AND c.level >= :minLevel
                                     AND c.profiles > 0) <= 1
                            THEN (SELECT coalesce(sum(profiles), 0) FROM topic_counts c
                                   WHERE c.topic >= :low AND c.topic < :high AND c.level >= :minLevel)
                            ELSE (SELECT count(DISTINCT pt.user_id) FROM profile_topics pt
                                   WHERE pt.topic >= :low AND pt.topic < :high AND pt.level >= :minLevel
                                     AND pt.node_id IS NOT NULL)
                       END
                """, binds);
    }

    private static Map<String, Object> binds(ProfileSearch search, List<String> online) {
        Map<String, Object> binds = new LinkedHashMap<>();
        binds.put("minLevel", search.minLevel());
        if (search.match() == TopicMatch.EXACT) {
            binds.put("topic", search.topic());
        } else {
            binds.put("low", search.topic());
            binds.put("high", successor(search.topic()));
        }
        if (!online.isEmpty()) {
            binds.put("online", online.toArray(String[]::new));
        }
        return binds;
    }

    private static boolean counted(ProfileSearch search) {
        return search.topic().length() <= COUNTED_PREFIX_LENGTH;
    }

    /** The hits CTE (user_id, node_id, level, updated_at, online), before ordering and paging. */
    private static String hits(ProfileSearch search, List<String> online, PrefixPlan plan) {
        boolean anyoneOnline = !online.isEmpty();
        String union;
        String before = "";
        if (search.onlineOnly()) {
            union = onlineHits(search);
        } else {
            String offline;
            if (search.match() == TopicMatch.EXACT) {
                offline = offlineHits(search, anyoneOnline);
            } else {
                PrefixPlan chosen = plan == PrefixPlan.CHOSEN && !counted(search) ? PrefixPlan.PER_TOPIC : plan;
                offline = switch (chosen) {
                    case PER_TOPIC -> offlineHits(search, anyoneOnline);
                    case IN_RESULT_ORDER -> inResultOrder(search, anyoneOnline);
                    case CHOSEN -> {
                        before = "prefix_plan AS (" + BROAD + "), ";
                        yield "SELECT * FROM (" + inResultOrder(search, anyoneOnline)
                                + ") b WHERE (SELECT broad FROM prefix_plan) UNION ALL SELECT * FROM ("
                                + offlineHits(search, anyoneOnline) + ") t WHERE NOT (SELECT broad FROM prefix_plan)";
                    }
                };
            }
            union = anyoneOnline ? onlineHits(search) + " UNION ALL " + offline : offline;
        }
        if (search.match() == TopicMatch.PREFIX) {
            return before + "hits AS (SELECT DISTINCT ON (user_id) * FROM (" + union
                    + ") h ORDER BY user_id, level DESC)";
        }
        return "hits AS (" + union + ")";
    }

    /**
     * Whether the prefix is broad (see {@link #BROAD_PREFIX_RATIO}); the row count is the planner's estimate,
     * which is all a choice of plan needs. Both sides of the union are planned; the one not chosen never runs.
     */
    private static final String BROAD = "SELECT coalesce((SELECT sum(users) FROM prefix_counts WHERE prefix = :low "
            + "AND level >= :minLevel), 0) * " + BROAD_PREFIX_RATIO + " >= (SELECT greatest(reltuples, 0) "
            + "FROM pg_class WHERE oid = 'profile_topics'::regclass) AS broad";

    /**
     * A prefix's offline matches from the head of {@code profile_topics_order}: rows come in result order, the
     * prefix is a filter ({@code left(...)}, which no other index can serve, so the planner keeps this one), and
     * a row is kept only if it is its user's best in the range (highest level, then smallest topic), so each user
     * appears once and the first {@code offset + limit} rows are the window.
     */
    private static String inResultOrder(ProfileSearch search, boolean excludeOnline) {
        return "SELECT * FROM (SELECT " + HIT_COLUMNS + ", false AS online FROM profile_topics pt "
                + "WHERE pt.node_id IS NOT NULL AND pt.level >= :minLevel "
                + "AND left(pt.topic, char_length(CAST(:low AS text))) = :low"
                + (excludeOnline ? " AND NOT (pt.node_id = ANY(:online))" : "")
                + " AND NOT EXISTS (SELECT 1 FROM profile_topics b WHERE b.user_id = pt.user_id "
                + "AND b.topic >= :low AND b.topic < :high "
                + "AND (b.level > pt.level OR (b.level = pt.level AND b.topic < pt.topic))) "
                + "ORDER BY pt.level DESC, pt.updated_at DESC, pt.node_id LIMIT :window) r";
    }

    /** From each online node to its owner's matching topics, by primary key, if it is the owner's primary node. */
    private static String onlineHits(ProfileSearch search) {
        return "SELECT x.* FROM node_identities n CROSS JOIN LATERAL (SELECT " + HIT_COLUMNS + ", true AS online "
                + "FROM profile_topics pt WHERE pt.user_id = n.user_id AND pt.node_id = n.node_id "
                + "AND pt.level >= :minLevel AND "
                + (search.match() == TopicMatch.EXACT ? "pt.topic = :topic" : "pt.topic >= :low AND pt.topic < :high")
                + " OFFSET 0) x WHERE n.node_id = ANY(:online)";
    }

    private static String offlineHits(ProfileSearch search, boolean excludeOnline) {
        String ofTopic = "(SELECT " + HIT_COLUMNS + ", false AS online FROM profile_topics pt "
                + "WHERE pt.topic = %s AND pt.level >= :minLevel AND pt.node_id IS NOT NULL"
                + (excludeOnline ? " AND NOT (pt.node_id = ANY(:online))" : "")
                + " ORDER BY pt.level DESC, pt.updated_at DESC, pt.node_id LIMIT :window)";
        if (search.match() == TopicMatch.EXACT) {
            return ofTopic.formatted(":topic");
        }
        return "SELECT x.* FROM (SELECT DISTINCT c.topic FROM topic_counts c WHERE c.topic >= :low "
                + "AND c.topic < :high AND c.level >= :minLevel AND c.profiles > 0) t CROSS JOIN LATERAL "
                + ofTopic.formatted("t.topic") + " x";
    }

    /** The statement with {@code ?} in place of each named parameter, appending their values in order. */
    String positional(List<Object> values) {
        Positional converted = POSITIONAL.get(sql);
        if (converted == null) {
            converted = Positional.of(sql);
            if (POSITIONAL.size() < MAX_CACHED_SHAPES) { // the shapes are few (match, online, broad); bound it anyway
                POSITIONAL.putIfAbsent(sql, converted);
            }
        }
        for (String name : converted.names()) {
            if (!binds.containsKey(name)) {
                throw new IllegalStateException("no value for :" + name);
            }
            values.add(binds.get(name));
        }
        return converted.sql();
    }

    /** A statement's text with {@code ?} placeholders and the parameter names in their order. */
    private record Positional(String sql, List<String> names) {

        static Positional of(String named) {
            java.util.regex.Matcher m = NAMED.matcher(named);
            StringBuilder out = new StringBuilder();
            List<String> names = new java.util.ArrayList<>();
            while (m.find()) {
                names.add(m.group(1));
                m.appendReplacement(out, "?");
            }
            m.appendTail(out);
            return new Positional(out.toString(), List.copyOf(names));
        }
    }

    /**
     * The smallest string greater than every string starting with {@code prefix}, in byte order: canonical
     * topics use only {@code [a-z0-9_]}, so incrementing the last character never overflows.
     */
    static String successor(String prefix) {
        char last = prefix.charAt(prefix.length() - 1);
        return prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
    }
}
