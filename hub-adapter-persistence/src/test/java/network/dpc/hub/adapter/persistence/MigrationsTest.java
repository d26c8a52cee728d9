package network.dpc.hub.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

class MigrationsTest {

    @Test
    void applyFromAnEmptyDatabaseAndAreRepeatable() {
        DatabaseUrl url = TestDatabase.newEmptyDatabase();
        try (PostgresDatabase first = PostgresDatabase.open(url, 2)) {
            List<String> tables = first.jdbi().withHandle(h -> h.createQuery(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
                    .mapTo(String.class).list());
            assertThat(tables).contains("users", "flyway_schema_history");
        }
        try (PostgresDatabase second = PostgresDatabase.open(url, 2)) {
            var info = Flyway.configure().dataSource(second.dataSource()).load().info();
            assertThat(info.pending()).isEmpty();
            assertThat(info.applied()).isNotEmpty().allSatisfy(m -> assertThat(m.getState().isFailed()).isFalse());
        }
    }

    @Test
    void prefixCountsAreBackfilledFromTheProfilesAlreadyStored() throws Exception {
        DatabaseUrl url = TestDatabase.newEmptyDatabase();
        try (var connection = java.sql.DriverManager.getConnection(url.jdbcUrl(), "postgres", "");
                var s = connection.createStatement()) {
            Flyway.configure().dataSource(url.jdbcUrl(), "postgres", "").locations("classpath:db/migration")
                    .target("5").load().migrate();
            s.execute("INSERT INTO users (id, email, provider, created_at) SELECT md5('u' || i)::uuid, "
                    + "'u' || i || '@example.org', 'github', now() FROM generate_series(1, 3) i");
            s.execute("INSERT INTO node_identities (node_id, user_id, registered_at) VALUES "
                    + "('dpc-node-' || md5('n1'), md5('u1')::uuid, now()), "
                    + "('dpc-node-' || md5('n2'), md5('u2')::uuid, now())");
            s.execute("INSERT INTO profiles (user_id, name, expertise, updated_at) SELECT md5('u' || i)::uuid, "
                    + "'User', '{}', now() FROM generate_series(1, 3) i");
            // u1: machine learning 4 and math 2; u2: math 5; u3 has no node, so is counted nowhere
            s.execute("INSERT INTO profile_topics (user_id, topic, level, updated_at, node_id) "
                    + "SELECT p.user_id, t.topic, t.level, p.updated_at, n.node_id FROM (VALUES "
                    + "('u1', 'machinelearning', 4), ('u1', 'math', 2), ('u2', 'math', 5), ('u3', 'mango', 3), "
                    + "('u2', 'abcdefghijklmnopqrst', 1)) "
                    + "AS t (u, topic, level) JOIN profiles p ON p.user_id = md5(t.u)::uuid "
                    + "LEFT JOIN node_identities n ON n.user_id = p.user_id");
        }
        try (PostgresDatabase migrated = PostgresDatabase.open(url, 2)) {
            List<String> counts = migrated.jdbi().withHandle(h -> h.createQuery("SELECT prefix || '/' || level "
                    + "|| '=' || users FROM prefix_counts WHERE users > 0 AND prefix IN ('m', 'ma', 'mat', 'mac', "
                    + "'machinelearning', 'machinelearnin') ORDER BY prefix, level").mapTo(String.class).list());
            assertThat(counts).containsExactly("m/4=1", "m/5=1", "ma/4=1", "ma/5=1", "mac/4=1",
                    "machinelearnin/4=1", "machinelearning/4=1", "mat/2=1", "mat/5=1");
            long longTopicPrefixes = migrated.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM "
                    + "prefix_counts WHERE prefix LIKE 'abc%' AND users = 1").mapTo(Long.class).one());
            assertThat(longTopicPrefixes).as("a 20-character topic counts under its first 1 to 16 characters "
                    + "from the third on").isEqualTo(14);
        }
    }

    @Test
    void probeReportsHealthyOnAReachableDatabase() {
        try (PostgresDatabase db = TestDatabase.newMigratedDatabase()) {
            assertThat(db.problem()).isEmpty();
        }
    }
}
