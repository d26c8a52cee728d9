package network.dpc.hub.domain.signaling;

import java.util.Objects;

/**
 * Why the hub closes a signaling socket, as a WebSocket close code and reason.
 *
 * @param code the close code (RFC 6455 or the 4000–4999 application range)
 * @param reason a short sentence (at most 123 bytes of UTF-8, the protocol's limit)
 */
public record SocketClose(int code, String reason) {

    /** Another socket for the same node replaced this one. */
    public static final SocketClose REPLACED = new SocketClose(4409, "replaced by a newer connection");
    /** The token behind the socket was revoked (logout, account or node deletion). */
    public static final SocketClose REVOKED = new SocketClose(4401, "token revoked");
    /** The hub is shutting down. */
    public static final SocketClose SHUTDOWN = new SocketClose(1001, "Server shutting down");
    /** The client sent a frame over the size limit. */
    public static final SocketClose MESSAGE_TOO_LARGE = new SocketClose(1009, "message too large");
    /** The client does not read what the hub sends it, and its outbound queue is full. */
    public static final SocketClose SLOW_READER = new SocketClose(1008, "outbound queue full");
    /** Nothing came from the client for too long. */
    public static final SocketClose SILENT = new SocketClose(1001, "no activity");

    public SocketClose {
        Objects.requireNonNull(reason, "reason");
        if (code < 1000 || code > 4999) {
            throw new IllegalArgumentException("close code must be within 1000-4999");
        }
        if (reason.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 123) {
            throw new IllegalArgumentException("close reason must fit in 123 bytes");
        }
    }
}
