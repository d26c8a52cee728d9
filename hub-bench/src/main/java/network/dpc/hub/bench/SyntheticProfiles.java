package network.dpc.hub.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Synthetic users, each with one node and a profile of ten distinct topics drawn with Zipf popularity from a fixed
 * vocabulary, bulk-loaded with COPY. Rows skip the triggers (a bulk load would), the search indexes are rebuilt
 * after the load (from their definitions in the migrations), and the topic and prefix counts are made in one pass
 * by {@code rebuild_search_counts()}, as the triggers would have left them.
 */
final class SyntheticProfiles {

    static final int VOCABULARY = 5_000;
    static final int TOPICS_PER_PROFILE = 10;
    static final double ZIPF_EXPONENT = 1.0;
    private static final String[] SYLLABLES = {"ma", "chi", "ne", "lear", "py", "thon", "ru", "sto", "go", "ja",
        "va", "da", "ta", "ko", "lin", "re", "act", "quan", "tum", "bio"};
    private static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");
    private static final int FLUSH_BYTES = 1 << 20;

    private final String[] topics = new String[VOCABULARY];
    private final double[] cumulative = new double[VOCABULARY];
    private double countSeconds;

    SyntheticProfiles() {
        double sum = 0;
        for (int rank = 0; rank < VOCABULARY; rank++) {
            topics[rank] = word(rank);
            sum += 1.0 / Math.pow(rank + 1, ZIPF_EXPONENT);
            cumulative[rank] = sum;
        }
        for (int rank = 0; rank < VOCABULARY; rank++) {
            cumulative[rank] /= sum;
        }
    }

    /** The topic of popularity rank {@code rank} (0 is the most popular): three syllables, unique per rank. */
    static String word(int rank) {
        int s = SYLLABLES.length;
        return SYLLABLES[rank % s] + SYLLABLES[(rank / s) % s] + SYLLABLES[(rank / s / s) % s]
                + (rank >= s * s * s ? Integer.toString(rank) : "");
    }

    /** How long the last load spent rebuilding the topic and prefix counts. */
    double countSeconds() {
        return countSeconds;
    }

    String topic(int rank) {
        return topics[rank];
    }

    static UUID userId(long i) {
        return new UUID(0x00000000_0000_4000L, 0x8000_0000_0000_0000L | i);
    }

    static String nodeId(long i) {
        return "dpc-node-" + "%032x".formatted(i);
    }

    /** Loads {@code count} profiles into an empty, migrated database. */
    void load(Connection connection, int count, long seed) throws SQLException {
        connection.setAutoCommit(true);
        List<String> searchIndexes = new ArrayList<>();
        try (Statement s = connection.createStatement()) {
            s.execute("SET session_replication_role = replica");
            s.execute("SET maintenance_work_mem = '1GB'");
            try (var rs = s.executeQuery("SELECT indexdef FROM pg_indexes "
                    + "WHERE indexname IN ('profile_topics_search', 'profile_topics_order')")) {
                while (rs.next()) {
                    searchIndexes.add(rs.getString(1));
                }
            }
            s.execute("DROP INDEX profile_topics_search, profile_topics_order");
        }
        PGConnection pg = connection.unwrap(PGConnection.class);
        CopyIn users = pg.getCopyAPI().copyIn("COPY users (id, email, provider, created_at) FROM STDIN");
        Rows rows = new Rows(users);
        for (long i = 0; i < count; i++) {
            rows.add(userId(i) + "\tuser" + i + "@example.org\tgithub\t" + NOW + "\n");
        }
        rows.finish();
        CopyIn nodes = pg.getCopyAPI().copyIn(
                "COPY node_identities (node_id, user_id, registered_at, proof_of_possession) FROM STDIN");
        rows = new Rows(nodes);
        for (long i = 0; i < count; i++) {
            rows.add(nodeId(i) + "\t" + userId(i) + "\t" + NOW + "\tf\n");
        }
        rows.finish();
        // two passes over the same seeded draws: a connection runs one COPY at a time
        CopyIn profiles = pg.getCopyAPI().copyIn("COPY profiles (user_id, name, description, expertise, "
                + "compute, p2p_uri_hint, updated_at) FROM STDIN");
        rows = new Rows(profiles);
        SplittableRandom random = new SplittableRandom(seed);
        Draw draw = new Draw();
        StringBuilder expertise = new StringBuilder();
        for (long i = 0; i < count; i++) {
            draw.next(random);
            expertise.setLength(0);
            expertise.append('{');
            for (int t = 0; t < TOPICS_PER_PROFILE; t++) {
                expertise.append(t == 0 ? "" : ", ").append('"').append(topics[draw.ranks[t]]).append("\": ")
                        .append(draw.levels[t]);
            }
            expertise.append('}');
            rows.add(userId(i) + "\tUser " + i + "\tSynthetic profile " + i + "\t" + expertise
                    + "\t\\N\t\\N\t" + draw.updated + "\n");
        }
        rows.finish();
        CopyIn topicRows = pg.getCopyAPI().copyIn(
                "COPY profile_topics (user_id, topic, level, updated_at, node_id) FROM STDIN");
        rows = new Rows(topicRows);
        random = new SplittableRandom(seed);
        for (long i = 0; i < count; i++) {
            draw.next(random);
            for (int t = 0; t < TOPICS_PER_PROFILE; t++) {
                rows.add(userId(i) + "\t" + topics[draw.ranks[t]] + "\t" + draw.levels[t] + "\t" + draw.updated
                        + "\t" + nodeId(i) + "\n");
            }
        }
        rows.finish();
        try (Statement s = connection.createStatement()) {
            for (String index : searchIndexes) {
                s.execute(index);
            }
            s.execute("SET session_replication_role = origin");
            s.execute("SET work_mem = '256MB'");
            long started = System.nanoTime();
            s.execute("SELECT rebuild_search_counts()");
            countSeconds = (System.nanoTime() - started) / 1e9;
            s.execute("VACUUM ANALYZE");
        }
    }

    /** One profile's random choices: ten distinct topics by Zipf popularity, their levels, its update time. */
    private final class Draw {

        final int[] ranks = new int[TOPICS_PER_PROFILE];
        final int[] levels = new int[TOPICS_PER_PROFILE];
        Instant updated;

        void next(SplittableRandom random) {
            for (int t = 0; t < ranks.length; t++) {
                int rank;
                boolean duplicate;
                do {
                    int found = Arrays.binarySearch(cumulative, random.nextDouble());
                    rank = Math.min(found >= 0 ? found : -found - 1, VOCABULARY - 1);
                    duplicate = false;
                    for (int u = 0; u < t; u++) {
                        duplicate |= ranks[u] == rank;
                    }
                } while (duplicate);
                ranks[t] = rank;
                levels[t] = 1 + random.nextInt(5);
            }
            updated = NOW.minusSeconds(random.nextLong(365L * 24 * 3600))
                    .minusNanos(random.nextInt(1_000_000) * 1_000L);
        }
    }

    /** Buffers COPY text and hands it to the server a megabyte at a time. */
    private static final class Rows {

        private final CopyIn copy;
        private final StringBuilder buffer = new StringBuilder(FLUSH_BYTES + 4096);

        Rows(CopyIn copy) {
            this.copy = copy;
        }

        void add(String line) throws SQLException {
            buffer.append(line);
            if (buffer.length() >= FLUSH_BYTES) {
                flush();
            }
        }

        void finish() throws SQLException {
            flush();
            copy.endCopy();
        }

        private void flush() throws SQLException {
            byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            buffer.setLength(0);
        }
    }
}
