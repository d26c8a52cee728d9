package network.dpc.hub.adapter.persistence.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import network.dpc.hub.adapter.persistence.MigratedDatabase;
import network.dpc.hub.adapter.persistence.ReceivedNotifications;
import network.dpc.hub.domain.node.NodeId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The set-oriented presence statements on their own, against PostgreSQL: a batch of claims answers each node's own
 * claim whatever order the nodes come in, and a batch of releases releases exactly the rows this instance still
 * holds with the given claim, each with its own time, telling everyone of those only.
 */
class PresenceStatementsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final NodeId A = new NodeId("dpc-node-aaaaaaaaaaaaaaaa");
    private static final NodeId B = new NodeId("dpc-node-bbbbbbbbbbbbbbbb");
    private static final NodeId C = new NodeId("dpc-node-cccccccccccccccc");

    @RegisterExtension
    static final MigratedDatabase database = new MigratedDatabase();

    private Connection c;
    private Connection listening;

    @BeforeEach
    void connect() throws SQLException {
        database.truncate("node_presence");
        c = database.database().dataSource().getConnection();
        listening = database.database().openDedicatedConnection("presence-statements-test");
        try (Statement s = listening.createStatement()) {
            s.execute("LISTEN " + BusSql.BROADCAST);
        }
    }

    @AfterEach
    void disconnect() throws SQLException {
        c.close();
        listening.close();
    }

    private record Row(String instance, long claim, Instant lastSeen) {
    }

    private Row row(NodeId node) throws SQLException {
        try (var ps = c.prepareStatement("SELECT instance_id, claim, last_seen FROM node_presence WHERE node_id = ?")) {
            ps.setString(1, node.value());
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("a row for " + node).isTrue();
                var seen = rs.getTimestamp(3);
                return new Row(rs.getString(1), rs.getLong(2), seen == null ? null : seen.toInstant());
            }
        }
    }

    @Test
    void aBatchOfClaimsAnswersEachNodesOwnClaimInTheOrderTheNodesWereGiven() throws SQLException {
        List<NodeId> unsorted = List.of(C, A, B);

        List<Long> claims = BusSql.claimOnline(c, "one", unsorted);

        assertThat(claims).hasSize(3).doesNotHaveDuplicates();
        for (int i = 0; i < unsorted.size(); i++) {
            assertThat(row(unsorted.get(i))).isEqualTo(new Row("one", claims.get(i), null));
        }
        assertThat(ReceivedNotifications.awaitPayloads(listening, 3, WAIT)).containsExactlyInAnyOrder(
                "O|one|" + A.value() + "|" + claims.get(1), "O|one|" + B.value() + "|" + claims.get(2),
                "O|one|" + C.value() + "|" + claims.get(0));
    }

    @Test
    void aBatchOfReleasesReleasesOnlyRowsStillHeldWithTheirClaimEachAtItsOwnTime() throws SQLException {
        List<Long> mine = BusSql.claimOnline(c, "one", List.of(A, B));
        long elsewhere = BusSql.claimOnline(c, "two", List.of(C)).getFirst();
        ReceivedNotifications.awaitPayloads(listening, 3, WAIT);
        Instant at = Instant.parse("2026-11-27T08:00:00.123456Z");

        BusSql.releaseOffline(c, "one", List.of(
                new BusSql.Release(A, mine.get(0), at), // held with this claim: released
                new BusSql.Release(B, mine.get(1) - 1, at.plusSeconds(1)), // a stale claim: kept
                new BusSql.Release(C, elsewhere, at.plusSeconds(2)))); // held by another instance: kept

        assertThat(row(A)).isEqualTo(new Row(null, mine.get(0), at));
        assertThat(row(B)).isEqualTo(new Row("one", mine.get(1), null));
        assertThat(row(C)).isEqualTo(new Row("two", elsewhere, null));
        assertThat(ReceivedNotifications.awaitPayloads(listening, 2, Duration.ofMillis(500)))
                .containsExactly("F|one|" + A.value() + "|" + mine.get(0));
    }
}
