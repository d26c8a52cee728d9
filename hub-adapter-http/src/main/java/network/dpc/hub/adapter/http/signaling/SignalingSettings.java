package network.dpc.hub.adapter.http.signaling;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How {@code /ws/signal} behaves.
 *
 * @param hubVersion reported in {@code auth_ok}
 * @param allowedOrigins exact browser origins allowed to open a socket; a request without {@code Origin} is always
 *     allowed (the field client sends none)
 * @param maxMessageBytes a client frame above this many bytes is refused with {@code message_too_large} and close 1009
 * @param messagesPerSecond sustained per-socket message rate
 * @param burst per-socket burst on top of the rate
 * @param pingInterval how often the hub sends a protocol ping
 * @param silenceTimeout a socket from which nothing arrived for this long is closed
 * @param maxOutboundFrames frames queued for one socket and not yet written; beyond it the socket is closed (1008)
 * @param maxOutboundBytes characters (about bytes) queued for one socket and not yet written; beyond it the
 *     socket is closed (1008)
 * @param maxConnections sockets this instance accepts at once; more are refused with 503
 * @param ticketTtl lifetime of a single-use {@code POST /ws/ticket} ticket
 * @param closeGrace how long a closing socket may take to finish the close handshake before it is cut
 */
public record SignalingSettings(
        String hubVersion,
        Set<String> allowedOrigins,
        int maxMessageBytes,
        int messagesPerSecond,
        int burst,
        Duration pingInterval,
        Duration silenceTimeout,
        int maxOutboundFrames,
        long maxOutboundBytes,
        int maxConnections,
        Duration ticketTtl,
        Duration closeGrace) {

    public static final int DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024;
    public static final int DEFAULT_MESSAGES_PER_SECOND = 20;
    public static final int DEFAULT_BURST = 100;
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(20);
    public static final Duration DEFAULT_SILENCE_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_OUTBOUND_FRAMES = 1024;
    public static final long DEFAULT_MAX_OUTBOUND_BYTES = 1024 * 1024;
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    public static final Duration DEFAULT_TICKET_TTL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CLOSE_GRACE = Duration.ofSeconds(5);

    public SignalingSettings {
        Objects.requireNonNull(hubVersion, "hubVersion");
        allowedOrigins = Set.copyOf(allowedOrigins);
        requirePositive(maxMessageBytes, "maxMessageBytes");
        requirePositive(messagesPerSecond, "messagesPerSecond");
        requirePositive(burst, "burst");
        requirePositive(pingInterval, "pingInterval");
        requirePositive(silenceTimeout, "silenceTimeout");
        requirePositive(maxOutboundFrames, "maxOutboundFrames");
        requirePositive(maxOutboundBytes, "maxOutboundBytes");
        requirePositive(maxConnections, "maxConnections");
        requirePositive(ticketTtl, "ticketTtl");
        requirePositive(closeGrace, "closeGrace");
        if (silenceTimeout.compareTo(pingInterval) <= 0) {
            throw new IllegalArgumentException("silenceTimeout must be longer than pingInterval");
        }
    }

    /** The contract's defaults: 64 KiB frames, 20 msg/s with burst 100, ping every 20 s, silence limit 60 s. */
    public static SignalingSettings defaults(String hubVersion, Set<String> allowedOrigins) {
        return new SignalingSettings(hubVersion, allowedOrigins, DEFAULT_MAX_MESSAGE_BYTES,
                DEFAULT_MESSAGES_PER_SECOND, DEFAULT_BURST, DEFAULT_PING_INTERVAL, DEFAULT_SILENCE_TIMEOUT,
                DEFAULT_MAX_OUTBOUND_FRAMES, DEFAULT_MAX_OUTBOUND_BYTES, DEFAULT_MAX_CONNECTIONS,
                DEFAULT_TICKET_TTL, DEFAULT_CLOSE_GRACE);
    }

    public SignalingSettings withMessageRate(int newMessagesPerSecond, int newBurst) {
        return new SignalingSettings(hubVersion, allowedOrigins, maxMessageBytes, newMessagesPerSecond, newBurst,
                pingInterval, silenceTimeout, maxOutboundFrames, maxOutboundBytes, maxConnections, ticketTtl,
                closeGrace);
    }

    public SignalingSettings withLiveness(Duration newPingInterval, Duration newSilenceTimeout) {
        return new SignalingSettings(hubVersion, allowedOrigins, maxMessageBytes, messagesPerSecond, burst,
                newPingInterval, newSilenceTimeout, maxOutboundFrames, maxOutboundBytes, maxConnections, ticketTtl,
                closeGrace);
    }

    public SignalingSettings withOutboundLimits(int newMaxFrames, long newMaxBytes) {
        return new SignalingSettings(hubVersion, allowedOrigins, maxMessageBytes, messagesPerSecond, burst,
                pingInterval, silenceTimeout, newMaxFrames, newMaxBytes, maxConnections, ticketTtl, closeGrace);
    }

    public SignalingSettings withMaxConnections(int newMaxConnections) {
        return new SignalingSettings(hubVersion, allowedOrigins, maxMessageBytes, messagesPerSecond, burst,
                pingInterval, silenceTimeout, maxOutboundFrames, maxOutboundBytes, newMaxConnections, ticketTtl,
                closeGrace);
    }

    public SignalingSettings withCloseGrace(Duration newCloseGrace) {
        return new SignalingSettings(hubVersion, allowedOrigins, maxMessageBytes, messagesPerSecond, burst,
                pingInterval, silenceTimeout, maxOutboundFrames, maxOutboundBytes, maxConnections, ticketTtl,
                newCloseGrace);
    }

    private static void requirePositive(long value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
