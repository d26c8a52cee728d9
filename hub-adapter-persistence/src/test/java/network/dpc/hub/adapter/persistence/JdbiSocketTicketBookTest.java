package network.dpc.hub.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import network.dpc.hub.application.contract.SocketTicketBookContract;
import network.dpc.hub.application.port.out.SocketTicketBook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbiSocketTicketBookTest extends SocketTicketBookContract {

    @RegisterExtension
    static final MigratedDatabase database = new MigratedDatabase();

    @Override
    protected SocketTicketBook emptyBook() {
        database.truncate("redeemed_socket_tickets");
        return new JdbiSocketTicketBook(database.jdbi());
    }

    @Test
    void onlyTheHashOfTheTicketIdIsStored() {
        SocketTicketBook book = emptyBook();
        String id = "ticket-id-that-must-not-appear-in-the-table";

        book.redeemOnce(id, Instant.parse("2026-11-27T08:00:30Z"));

        List<byte[]> stored = database.jdbi().withHandle(h -> h.createQuery(
                "SELECT ticket_hash FROM redeemed_socket_tickets").mapTo(byte[].class).list());
        assertThat(stored).singleElement().satisfies(hash -> {
            assertThat(hash).hasSize(32);
            assertThat(new String(hash, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("ticket-id");
        });
    }
}
