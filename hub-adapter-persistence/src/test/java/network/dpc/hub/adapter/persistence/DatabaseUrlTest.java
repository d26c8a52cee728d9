package network.dpc.hub.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @ParameterizedTest
    @CsvSource({
        "postgresql://hub:s3cret@db.example.org:5433/dpc, jdbc:postgresql://db.example.org:5433/dpc",
        "postgresql+asyncpg://hub:s3cret@db.example.org:5433/dpc, jdbc:postgresql://db.example.org:5433/dpc",
        "postgres://hub:s3cret@db.example.org/dpc, jdbc:postgresql://db.example.org/dpc",
    })
    void convertsUrlFormsToJdbcWithCredentials(String given, String jdbc) {
        DatabaseUrl url = DatabaseUrl.parse(given);

        assertThat(url.jdbcUrl()).isEqualTo(jdbc);
        assertThat(url.user()).contains("hub");
        assertThat(url.password()).contains("s3cret");
    }

    @Test
    void keepsAJdbcUrlAsItIs() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://localhost:5432/dpc?user=hub&password=x");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/dpc?user=hub&password=x");
        assertThat(url.user()).isEmpty();
        assertThat(url.toString()).doesNotContain("password=x");
    }

    @Test
    void decodesPercentEncodedCredentialsAndKeepsQueryParameters() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://h%40b:p%3Aw+d@[::1]:5432/dpc?sslmode=require");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5432/dpc?sslmode=require");
        assertThat(url.user()).contains("h@b");
        assertThat(url.password()).contains("p:w+d");
    }

    @Test
    void neverShowsThePassword() {
        assertThat(DatabaseUrl.parse("postgresql://hub:s3cret@db/dpc").toString()).doesNotContain("s3cret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "mysql://u:p@h/db", "postgresql://", "postgresql://host", "postgresql://host/a/b",
        "postgresql://ho st/db", "db.example.org:5432/dpc"})
    void rejectsWhatIsNotAPostgresUrl(String given) {
        assertThatThrownBy(() -> DatabaseUrl.parse(given)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("DATABASE_URL");
    }

    @Test
    void userWithoutPassword() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://hub@db/dpc");
        assertThat(url.user()).contains("hub");
        assertThat(url.password()).isEqualTo(Optional.empty());
    }
}
