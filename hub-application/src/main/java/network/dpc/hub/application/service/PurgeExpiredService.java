package network.dpc.hub.application.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import network.dpc.hub.application.port.in.PurgeExpiredUseCase;
import network.dpc.hub.application.port.out.HubCodeStore;
import network.dpc.hub.application.port.out.LoginAttemptStore;
import network.dpc.hub.application.port.out.RevocationStore;
import network.dpc.hub.application.port.out.SocketTicketBook;

/**
 * Housekeeping run periodically: removes every expired revocation, login attempt, hub code and redeemed socket
 * ticket.
 */
public final class PurgeExpiredService implements PurgeExpiredUseCase {

    private final RevocationStore revocations;
    private final LoginAttemptStore attempts;
    private final HubCodeStore codes;
    private final SocketTicketBook tickets;
    private final Clock clock;

    public PurgeExpiredService(RevocationStore revocations, LoginAttemptStore attempts, HubCodeStore codes,
            SocketTicketBook tickets, Clock clock) {
        this.revocations = Objects.requireNonNull(revocations, "revocations");
        this.attempts = Objects.requireNonNull(attempts, "attempts");
        this.codes = Objects.requireNonNull(codes, "codes");
        this.tickets = Objects.requireNonNull(tickets, "tickets");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public int purgeExpired() {
        Instant now = clock.instant();
        return revocations.purgeExpired(now) + attempts.purgeExpired(now) + codes.purgeExpired(now)
                + tickets.purgeExpired(now);
    }
}
