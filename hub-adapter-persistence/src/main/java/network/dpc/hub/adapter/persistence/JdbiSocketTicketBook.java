package network.dpc.hub.adapter.persistence;

import java.time.Instant;
import java.util.Objects;
import network.dpc.hub.application.port.out.SocketTicketBook;
import org.jdbi.v3.core.Jdbi;

/** Keeps redeemed socket-ticket ids in PostgreSQL's {@code redeemed_socket_tickets}, as SHA-256 hashes only. */
public final class JdbiSocketTicketBook implements SocketTicketBook {

    private final Jdbi jdbi;

    public JdbiSocketTicketBook(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public boolean redeemOnce(String ticketId, Instant expiresAt) {
        byte[] hash = SecretHashes.sha256(Objects.requireNonNull(ticketId, "ticketId"));
        Objects.requireNonNull(expiresAt, "expiresAt");
        return jdbi.withExtension(SocketTicketDao.class, dao -> dao.insert(hash, expiresAt)) == 1;
    }

    @Override
    public int purgeExpired(Instant now) {
        return jdbi.withExtension(SocketTicketDao.class, dao -> dao.purgeExpired(now));
    }
}
