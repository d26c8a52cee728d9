package network.dpc.hub.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import network.dpc.hub.application.port.out.SocketTicketBook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link SocketTicketBook} adapter must show; subclasses supply a fresh, empty book. */
public abstract class SocketTicketBookContract {

    protected static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");
    private static final Instant EXPIRES = NOW.plus(Duration.ofSeconds(30));

    private SocketTicketBook book;

    protected abstract SocketTicketBook emptyBook();

    @BeforeEach
    void setUpBook() {
        book = emptyBook();
    }

    private static String ticketId() {
        return UUID.randomUUID().toString();
    }

    @Test
    void aTicketIsRedeemedOnceOnly() {
        String id = ticketId();

        assertThat(book.redeemOnce(id, EXPIRES)).isTrue();
        assertThat(book.redeemOnce(id, EXPIRES)).as("a second redemption").isFalse();
        assertThat(book.redeemOnce(id, EXPIRES.plusSeconds(60))).as("whatever expiry it claims").isFalse();
    }

    @Test
    void ticketsAreIndependentOfEachOther() {
        String first = ticketId();
        String second = ticketId();

        assertThat(book.redeemOnce(first, EXPIRES)).isTrue();
        assertThat(book.redeemOnce(second, EXPIRES)).isTrue();
    }

    @Test
    void ofManySimultaneousRedemptionsExactlyOneSucceeds() {
        String id = ticketId();

        List<Boolean> outcomes = ConcurrentCalls.race(12, () -> book.redeemOnce(id, EXPIRES));

        assertThat(outcomes).containsOnlyOnce(true).hasSize(12);
    }

    @Test
    void purgingForgetsOnlyExpiredRedemptions() {
        String expired = ticketId();
        String live = ticketId();
        book.redeemOnce(expired, NOW.minusSeconds(1));
        book.redeemOnce(live, EXPIRES);

        assertThat(book.purgeExpired(NOW)).isEqualTo(1);

        assertThat(book.redeemOnce(live, EXPIRES)).as("a live ticket stays redeemed").isFalse();
        assertThat(book.purgeExpired(NOW)).isZero();
    }
}
