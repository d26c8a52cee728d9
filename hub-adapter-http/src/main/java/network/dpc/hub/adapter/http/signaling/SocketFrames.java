package network.dpc.hub.adapter.http.signaling;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Utf8StringBuilder;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.exception.BadPayloadException;
import org.eclipse.jetty.websocket.core.exception.MessageTooLargeException;
import org.eclipse.jetty.websocket.core.exception.ProtocolException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One socket's frames, straight from Jetty's WebSocket core: assembles text messages (checking their UTF-8 and
 * size in bytes), measures binary ones, answers pings (reading on only once the pong is written), and tells its
 * {@link Events} of the socket's open, messages and close. Frames arrive on the selector thread that read
 * them ({@code InlineReadingConnection}), so nothing here waits; a message whose handling may wait is handed on
 * by its {@link Events}, and the socket reads its next frame only when that handling is done (ADR 0008).
 * Jetty's higher-level WebSocket API did this through method handles bound per socket and a future per frame; it
 * is stricter than that layer in one way: a frame out of message order closes the socket with 1002 (ADR 0006).
 */
final class SocketFrames implements FrameHandler {

    private static final Logger log = LoggerFactory.getLogger(SocketFrames.class);
    private static final char REPLACEMENT_CHARACTER = '\uFFFD';

    /** What happens on one socket, in the order it happens. */
    interface Events {
        /** The socket is open; called before any message. */
        void opened(CoreSession session);

        /**
         * A whole text message arrived; true when the next frame may be read at once, false when its handling goes
         * on elsewhere and calls {@link CoreSession#demand()} once it is done (messages stay in order).
         */
        boolean text(String message);

        /** A whole binary message of {@code length} bytes arrived (its content is not kept). */
        void binary(long length);

        /** The socket closed with {@code status} (called once). */
        void closed(int status);
    }

    private final Events events;
    private final long maxMessageBytes;
    private final AtomicBoolean closeReported = new AtomicBoolean();
    private CoreSession session;
    /** The text message being assembled over continuation frames; null between messages. */
    private Utf8StringBuilder text;
    /** The bytes of that text message so far (the limit counts bytes, not characters). */
    private long textBytes;
    /** The binary message's length so far; -1 between binary messages. */
    private long binaryLength = -1;

    /** @param maxMessageBytes messages of more bytes close the socket with 1009, as Jetty's API did */
    SocketFrames(Events events, long maxMessageBytes) {
        this.events = Objects.requireNonNull(events, "events");
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public void onOpen(CoreSession coreSession, Callback callback) {
        this.session = coreSession;
        try {
            events.opened(coreSession);
            callback.succeeded();
        } catch (Throwable failure) {
            callback.failed(failure);
            return;
        }
        coreSession.demand();
    }

    @Override
    public void onFrame(Frame frame, Callback callback) {
        boolean readOn = true;
        try {
            switch (frame.getOpCode()) {
                case OpCode.TEXT -> readOn = startText(frame);
                case OpCode.BINARY -> startBinary(frame);
                case OpCode.CONTINUATION -> readOn = continueMessage(frame);
                case OpCode.PING -> {
                    pong(frame, callback); // the next frame is read once the pong is written: a ping flood
                    return;                // from a client that does not read cannot queue pongs without bound
                }
                case OpCode.PONG -> {
                    // liveness counts the bytes read, pongs included
                }
                case OpCode.CLOSE -> {
                    reportClose(CloseStatus.getCloseStatus(frame));
                    callback.succeeded(); // Jetty answers the close handshake; no more demand
                    return;
                }
                default -> throw new ProtocolException("unknown opcode " + frame.getOpCode());
            }
        } catch (RuntimeException refused) {
            text = null;
            binaryLength = -1;
            callback.failed(refused); // Jetty closes: 1009 too large, 1007 bad UTF-8, 1002 protocol
            return;
        }
        callback.succeeded();
        if (readOn) {
            session.demand();
        }
    }

    @Override
    public void onError(Throwable cause, Callback callback) {
        log.debug("Signaling socket failed ({})", cause == null ? "unknown" : cause.getClass().getSimpleName());
        callback.succeeded(); // Jetty closes the socket next; onClosed follows
    }

    @Override
    public void onClosed(CloseStatus closeStatus, Callback callback) {
        try {
            reportClose(closeStatus);
        } finally {
            callback.succeeded();
        }
    }

    private void reportClose(CloseStatus status) {
        if (closeReported.compareAndSet(false, true)) {
            events.closed(status == null ? CloseStatus.NO_CODE : status.getCode());
        }
    }

    /** @return whether the next frame may be read at once */
    private boolean startText(Frame frame) {
        requireNoMessageInProgress();
        if (frame.isFin() && frame.getPayloadLength() <= maxMessageBytes) {
            return events.text(decode(frame.getPayload())); // the usual case: a whole message in one frame
        }
        text = new Utf8StringBuilder(Math.min(frame.getPayloadLength(), 1024));
        textBytes = 0;
        return appendText(frame);
    }

    private void requireNoMessageInProgress() {
        if (text != null || binaryLength >= 0) {
            throw new ProtocolException("a new message began before the last one ended");
        }
    }

    private void startBinary(Frame frame) {
        requireNoMessageInProgress();
        binaryLength = 0;
        appendBinary(frame);
    }

    /** @return whether the next frame may be read at once */
    private boolean continueMessage(Frame frame) {
        if (text != null) {
            return appendText(frame);
        } else if (binaryLength >= 0) {
            appendBinary(frame);
            return true;
        } else {
            throw new ProtocolException("a continuation frame without a message");
        }
    }

    /** @return whether the next frame may be read at once */
    private boolean appendText(Frame frame) {
        textBytes += frame.getPayloadLength();
        if (textBytes > maxMessageBytes) {
            throw tooLarge(textBytes);
        }
        if (frame.hasPayload()) {
            text.append(frame.getPayload());
        }
        if (!frame.isFin()) {
            return true;
        }
        Utf8StringBuilder complete = text;
        text = null;
        return events.text(complete(complete));
    }

    private void appendBinary(Frame frame) {
        binaryLength += frame.getPayloadLength();
        if (binaryLength > maxMessageBytes) {
            throw tooLarge(binaryLength);
        }
        if (frame.isFin()) {
            long length = binaryLength;
            binaryLength = -1;
            events.binary(length);
        }
    }

    private MessageTooLargeException tooLarge(long size) {
        return new MessageTooLargeException("message of " + size + " bytes is over the limit of " + maxMessageBytes);
    }

    /**
     * A whole message in one frame, decoded by the JDK's bulk decoder (which replaces each malformed sequence with
     * U+FFFD); only text holding a U+FFFD is checked again strictly, to tell a malformed sequence from a replacement
     * character the client really sent.
     */
    private static String decode(ByteBuffer payload) {
        if (payload == null || !payload.hasRemaining()) {
            return "";
        }
        byte[] bytes = new byte[payload.remaining()];
        payload.slice().get(bytes);
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.indexOf(REPLACEMENT_CHARACTER) >= 0) {
            requireStrictUtf8(bytes);
        }
        return text;
    }

    private static void requireStrictUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)); // reports, never replaces
        } catch (CharacterCodingException malformed) {
            throw new BadPayloadException("text is not valid UTF-8");
        }
    }

    private static String complete(Utf8StringBuilder utf8) {
        return utf8.takeCompleteString(() -> new BadPayloadException("text is not valid UTF-8"));
    }

    /** Echoes the ping's payload (held until the pong is written), then lets the next frame in either way. */
    private void pong(Frame ping, Callback callback) {
        ByteBuffer payload = ping.hasPayload() ? ping.getPayload().slice() : ByteBuffer.allocate(0);
        Runnable next = () -> {
            callback.succeeded();
            session.demand();
        };
        session.sendFrame(new Frame(OpCode.PONG).setPayload(payload), Callback.from(next, failure -> next.run()),
                false);
    }
}
