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
    void probeReportsHealthyOnAReachableDatabase() {
        try (PostgresDatabase db = TestDatabase.newMigratedDatabase()) {
            assertThat(db.problem()).isEmpty();
        }
    }
}
