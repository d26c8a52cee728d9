package network.dpc.hub.adapter.http.signaling;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import network.dpc.hub.domain.shared.DomainException;
import network.dpc.hub.domain.shared.ErrorKind;

/**
 * Single-use, short-lived tickets that let a browser open {@code /ws/signal} without putting its long-lived access
 * token in a URL. A ticket stands for the access token it was issued against, which is authenticated again when
 * the ticket is redeemed (so a revocation in between still counts). Held in memory on the issuing instance only.
 */
final class SocketTickets {

    private static final int MAX_OUTSTANDING = 100_000;

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final Clock clock;
    private final SecureRandom random;

    SocketTickets(Duration ttl, Clock clock, SecureRandom random) {
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A fresh ticket for {@code accessToken}, valid for the ticket lifetime. */
    String issue(String accessToken) {
        Instant now = clock.instant();
        pending.values().removeIf(p -> !p.expiresAt().isAfter(now));
        if (pending.size() >= MAX_OUTSTANDING) {
            throw new DomainException(ErrorKind.UNAVAILABLE, "too_many_tickets",
                    "Too many socket tickets are outstanding, try again shortly");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        pending.put(ticket, new Pending(accessToken, now.plus(ttl)));
        return ticket;
    }

    /** The access token behind {@code ticket}, once: a redeemed, expired or unknown ticket yields nothing. */
    Optional<String> redeem(String ticket) {
        Pending found = ticket == null ? null : pending.remove(ticket);
        if (found == null || !found.expiresAt().isAfter(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(found.accessToken());
    }

    long ttlSeconds() {
        return ttl.toSeconds();
    }

    private record Pending(String accessToken, Instant expiresAt) {
    }
}
