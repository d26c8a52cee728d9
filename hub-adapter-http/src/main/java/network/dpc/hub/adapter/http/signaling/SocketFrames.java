package network.dpc.hub.adapter.http.signaling;

import java.nio.ByteBuffer;
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

/**
 * One socket's frames, straight from Jetty's WebSocket core: assembles text messages (checking their UTF-8 and
 * size), measures binary ones, answers pings, and tells its {@link Events} of the socket's open, messages and close.
 * Jetty's higher-level WebSocket API did the same through method handles bound per socket and a future per frame;
 * this is that work without them (ADR 0006).
 */
final class SocketFrames implements FrameHandler {

    /** What happens on one socket, in the order it happens. */
    interface Events {
        /** The socket is open; called before any message. */
        void opened(CoreSession session);

        /** A whole text message arrived. */
        void text(String message);

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
    /** The binary message's length so far; -1 between binary messages. */
    private long binaryLength = -1;

    /** @param maxMessageBytes longer messages close the socket with 1009, as Jetty's API did */
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
        try {
            switch (frame.getOpCode()) {
                case OpCode.TEXT -> startText(frame);
                case OpCode.BINARY -> startBinary(frame);
                case OpCode.CONTINUATION -> continueMessage(frame);
                case OpCode.PING -> pong(frame);
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
        session.demand();
    }

    @Override
    public void onError(Throwable cause, Callback callback) {
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

    private void startText(Frame frame) {
        if (text != null || binaryLength >= 0) {
            throw new ProtocolException("a new message began before the last one ended");
        }
        if (frame.isFin() && frame.getPayloadLength() <= maxMessageBytes) {
            events.text(decode(frame.getPayload())); // the usual case: a whole message in one frame
            return;
        }
        text = new Utf8StringBuilder(Math.min(frame.getPayloadLength(), 1024));
        appendText(frame);
    }

    private void startBinary(Frame frame) {
        if (text != null || binaryLength >= 0) {
            throw new ProtocolException("a new message began before the last one ended");
        }
        binaryLength = 0;
        appendBinary(frame);
    }

    private void continueMessage(Frame frame) {
        if (text != null) {
            appendText(frame);
        } else if (binaryLength >= 0) {
            appendBinary(frame);
        } else {
            throw new ProtocolException("a continuation frame without a message");
        }
    }

    private void appendText(Frame frame) {
        if (text.length() + (long) frame.getPayloadLength() > maxMessageBytes) {
            throw tooLarge(text.length() + (long) frame.getPayloadLength());
        }
        if (frame.hasPayload()) {
            text.append(frame.getPayload());
        }
        if (frame.isFin()) {
            Utf8StringBuilder complete = text;
            text = null;
            events.text(complete.takeCompleteString(() -> new BadPayloadException("text is not valid UTF-8")));
        }
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

    private static String decode(ByteBuffer payload) {
        Utf8StringBuilder utf8 = new Utf8StringBuilder(payload == null ? 0 : payload.remaining());
        if (payload != null) {
            utf8.append(payload);
        }
        return utf8.takeCompleteString(() -> new BadPayloadException("text is not valid UTF-8"));
    }

    private void pong(Frame ping) {
        ByteBuffer payload = ping.hasPayload() ? copy(ping.getPayload()) : ByteBuffer.allocate(0);
        session.sendFrame(new Frame(OpCode.PONG).setPayload(payload), Callback.NOOP, false);
    }

    private static ByteBuffer copy(ByteBuffer source) {
        ByteBuffer copy = ByteBuffer.allocate(source.remaining());
        copy.put(source.slice()).flip();
        return copy;
    }
}
