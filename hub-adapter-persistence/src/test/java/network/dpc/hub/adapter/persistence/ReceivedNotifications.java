package network.dpc.hub.adapter.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/** Reads what a listening connection receives, for tests of the notification paths. */
public final class ReceivedNotifications {

    private ReceivedNotifications() {
    }

    /** The payloads received until {@code expected} have arrived or {@code wait} is over, in arrival order. */
    public static List<String> awaitPayloads(Connection listening, int expected, Duration wait) throws SQLException {
        List<String> payloads = new ArrayList<>();
        PGConnection pg = listening.unwrap(PGConnection.class);
        long deadline = System.nanoTime() + wait.toNanos();
        while (payloads.size() < expected && System.nanoTime() < deadline) {
            PGNotification[] notifications = pg.getNotifications(50);
            if (notifications != null) {
                for (PGNotification n : notifications) {
                    payloads.add(n.getParameter());
                }
            }
        }
        return payloads;
    }
}
