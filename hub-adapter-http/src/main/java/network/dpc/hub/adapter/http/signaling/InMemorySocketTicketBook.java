package network.dpc.hub.adapter.http.signaling;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import network.dpc.hub.application.port.out.SocketTicketBook;

/**
 * Redeemed socket-ticket ids in this process's memory, for a hub that runs alone (and for tests); expired ones are
 * dropped as new ones come in, so it holds at most about one ticket lifetime's worth.
 */
final class InMemorySocketTicketBook implements SocketTicketBook {

    private static final int PURGE_ABOVE = 10_000;

    private final Map<String, Instant> redeemed = new ConcurrentHashMap<>();

    @Override
    public boolean redeemOnce(String ticketId, Instant expiresAt) {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (redeemed.size() > PURGE_ABOVE) {
            redeemed.values().removeIf(expiry -> expiry.isBefore(expiresAt.minusSeconds(3_600)));
        }
        return redeemed.putIfAbsent(ticketId, expiresAt) == null;
    }

    @Override
    public int purgeExpired(Instant now) {
        int before = redeemed.size();
        redeemed.values().removeIf(expiry -> !expiry.isAfter(now));
        return before - redeemed.size();
    }
}
