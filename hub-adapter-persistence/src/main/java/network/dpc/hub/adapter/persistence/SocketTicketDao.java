package network.dpc.hub.adapter.persistence;

import java.time.Instant;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL for {@code redeemed_socket_tickets}. */
interface SocketTicketDao {

    /** 1 when this redemption is the first, 0 when the ticket was redeemed before (one statement, race-free). */
    @SqlUpdate("""
            INSERT INTO redeemed_socket_tickets (ticket_hash, expires_at) VALUES (:ticketHash, :expiresAt)
            ON CONFLICT (ticket_hash) DO NOTHING
            """)
    int insert(@Bind("ticketHash") byte[] ticketHash, @Bind("expiresAt") Instant expiresAt);

    @SqlUpdate("DELETE FROM redeemed_socket_tickets WHERE expires_at <= :now")
    int purgeExpired(@Bind("now") Instant now);
}
