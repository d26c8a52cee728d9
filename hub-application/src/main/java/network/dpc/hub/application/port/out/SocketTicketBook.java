package network.dpc.hub.application.port.out;

import java.time.Instant;

/**
 * Remembers which socket tickets ({@code POST /ws/ticket}) have been redeemed, shared by every hub instance, so a
 * ticket opens one socket only wherever it is presented. It holds ticket ids, never the tickets or tokens.
 */
public interface SocketTicketBook {

    /**
     * Records the redemption of the ticket {@code ticketId}, which stops being valid at {@code expiresAt}.
     *
     * @return true the first time this id is redeemed (on any instance), false every time after
     */
    boolean redeemOnce(String ticketId, Instant expiresAt);

    /** Forgets redemptions of tickets expired at {@code now} (they are refused for their age anyway). */
    int purgeExpired(Instant now);
}
