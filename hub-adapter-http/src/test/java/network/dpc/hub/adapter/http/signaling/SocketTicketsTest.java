package network.dpc.hub.adapter.http.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import network.dpc.hub.application.fake.MutableClock;
import network.dpc.hub.application.port.out.SocketTicketBook;
import org.junit.jupiter.api.Test;

/** Tickets issued on one instance and redeemed on another that shares the key and the book. */
class SocketTicketsTest {

    private static final Duration TTL = Duration.ofSeconds(30);
    private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T08:00:00Z"));
    private final SecureRandom random = new SecureRandom();
    private final byte[] sharedKey = key(1);
    private final CountingBook book = new CountingBook();
    private final SocketTickets instanceA = new SocketTickets(TTL, sharedKey, book, clock, random);
    private final SocketTickets instanceB = new SocketTickets(TTL, sharedKey, book, clock, random);

    private static byte[] key(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return key;
    }

    @Test
    void aTicketFromOneInstanceWorksOnceOnAnother() {
        String ticket = instanceA.issue(TOKEN);

        assertThat(instanceB.redeem(ticket)).contains(TOKEN);
        assertThat(instanceB.redeem(ticket)).as("again on the same instance").isEmpty();
        assertThat(instanceA.redeem(ticket)).as("again on the issuing instance").isEmpty();
    }

    @Test
    void aTicketNeitherShowsTheTokenNorIsTheSameTwice() {
        String first = instanceA.issue(TOKEN);
        String second = instanceA.issue(TOKEN);

        assertThat(first).isNotEqualTo(second).doesNotContain(TOKEN).doesNotContain("eyJ");
        byte[] decoded = Base64.getUrlDecoder().decode(first);
        assertThat(new String(decoded, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("alice")
                .doesNotContain("eyJ");
        assertThat(book.calls).as("issuing stores nothing").isZero();
    }

    @Test
    void aTicketExpiresAfterItsLifetimeWithoutTouchingTheBook() {
        String ticket = instanceA.issue(TOKEN);

        clock.advance(TTL);

        assertThat(instanceB.redeem(ticket)).isEmpty();
        assertThat(book.calls).isZero();
    }

    @Test
    void aTicketJustBeforeItsExpiryStillWorks() {
        String ticket = instanceA.issue(TOKEN);

        clock.advance(TTL.minusMillis(1));

        assertThat(instanceB.redeem(ticket)).contains(TOKEN);
    }

    @Test
    void aTicketSealedWithAnotherKeyOrAlteredIsRefused() {
        SocketTickets stranger = new SocketTickets(TTL, key(2), book, clock, random);
        String foreign = stranger.issue(TOKEN);
        String ticket = instanceA.issue(TOKEN);
        byte[] bytes = Base64.getUrlDecoder().decode(ticket);
        bytes[20] ^= 1; // inside the authenticated expiry
        String altered = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);

        assertThat(instanceB.redeem(foreign)).isEmpty();
        assertThat(instanceB.redeem(altered)).isEmpty();
        assertThat(book.calls).as("nothing forged reaches the book").isZero();
        assertThat(instanceB.redeem(ticket)).contains(TOKEN);
    }

    @Test
    void malformedTicketsAreRefused() {
        for (String bad : new String[] {null, "", "unknown", "%%%", "AQ", "x".repeat(20_000)}) {
            assertThat(instanceA.redeem(bad)).as(String.valueOf(bad)).isEmpty();
        }
        assertThat(book.calls).isZero();
    }

    @Test
    void theLifetimeIsReportedInSeconds() {
        assertThat(instanceA.ttlSeconds()).isEqualTo(30);
    }

    /** The in-memory book, counting how often it is asked. */
    private static final class CountingBook implements SocketTicketBook {
        private final InMemorySocketTicketBook delegate = new InMemorySocketTicketBook();
        private volatile int calls;

        @Override
        public synchronized boolean redeemOnce(String ticketId, Instant expiresAt) {
            calls++;
            return delegate.redeemOnce(ticketId, expiresAt);
        }

        @Override
        public int purgeExpired(Instant now) {
            return delegate.purgeExpired(now);
        }
    }
}
