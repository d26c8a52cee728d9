package network.dpc.hub.adapter.http.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.exception.BadPayloadException;
import org.eclipse.jetty.websocket.core.exception.MessageTooLargeException;
import org.eclipse.jetty.websocket.core.exception.ProtocolException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The socket's frame handling without a network: text assembled over fragments (a character split between two
 * frames included), its UTF-8 checked and its size counted in bytes, frames out of message order refused, pings
 * answered before the next frame is read, a message handled elsewhere holding the next frame back, and the close
 * reported once.
 */
class SocketFramesTest {

    private static final long LIMIT = 32;

    private final List<String> texts = new ArrayList<>();
    private final List<Long> binaries = new ArrayList<>();
    private final List<Integer> closes = new ArrayList<>();
    private final RecordingSession session = new RecordingSession();
    private SocketFrames frames;
    /** What the events answer to a text: whether the next frame may be read at once. */
    private boolean readOnAfterText = true;

    @BeforeEach
    void open() {
        frames = new SocketFrames(new SocketFrames.Events() {
            @Override
            public void opened(CoreSession s) {
            }

            @Override
            public boolean text(String message) {
                texts.add(message);
                return readOnAfterText;
            }

            @Override
            public void binary(long length) {
                binaries.add(length);
            }

            @Override
            public void closed(int status) {
                closes.add(status);
            }
        }, LIMIT);
        frames.onOpen(session, Callback.NOOP);
    }

    /** Delivers a frame and answers how its callback ended: null while pending, "ok", or the failure. */
    private AtomicReference<Object> deliver(Frame frame) {
        AtomicReference<Object> outcome = new AtomicReference<>();
        frames.onFrame(frame, Callback.from(() -> outcome.set("ok"), outcome::set));
        return outcome;
    }

    private static Frame frame(byte opCode, boolean fin, byte[] payload) {
        return new Frame(opCode, fin, ByteBuffer.wrap(payload));
    }

    @Test
    void aTextMessageFragmentedInsideACharacterArrivesWhole() {
        byte[] bytes = "caf\u00e9 \u20ac".getBytes(StandardCharsets.UTF_8);

        assertThat(deliver(frame(OpCode.TEXT, false, Arrays.copyOfRange(bytes, 0, 4))).get()).isEqualTo("ok");
        assertThat(deliver(frame(OpCode.CONTINUATION, false, Arrays.copyOfRange(bytes, 4, 7))).get()).isEqualTo("ok");
        assertThat(deliver(frame(OpCode.CONTINUATION, true, Arrays.copyOfRange(bytes, 7, bytes.length))).get())
                .isEqualTo("ok");

        assertThat(texts).containsExactly("caf\u00e9 \u20ac");
        assertThat(session.demands.get()).isEqualTo(4); // after the open and after each frame
    }

    @Test
    void invalidUtf8FailsTheFrameSoJettyClosesWith1007() {
        Object outcome = deliver(frame(OpCode.TEXT, true, new byte[] {'a', (byte) 0xC3, '(' })).get();

        assertThat(outcome).isInstanceOf(BadPayloadException.class);
        assertThat(texts).isEmpty();
    }

    /** Malformed UTF-8 in a whole one-frame message: overlong, surrogate, beyond U+10FFFF, truncated, stray byte. */
    @ParameterizedTest
    @ValueSource(strings = {"C0AF", "E0808F", "EDA080", "F4908080", "E282", "80", "61FF62"})
    void malformedUtf8InOneFrameFailsItWith1007(String hex) {
        Object outcome = deliver(frame(OpCode.TEXT, true, HexFormat.of().parseHex(hex))).get();

        assertThat(outcome).isInstanceOf(BadPayloadException.class);
        assertThat(texts).isEmpty();
    }

    @Test
    void aReplacementCharacterTheClientReallySentArrivesAsSent() {
        String sent = "{\"x\":\"\uFFFD caf\u00e9 \uD83D\uDE00\"}";

        assertThat(deliver(frame(OpCode.TEXT, true, sent.getBytes(StandardCharsets.UTF_8))).get()).isEqualTo("ok");

        assertThat(texts).containsExactly(sent);
    }

    @Test
    void theSizeLimitCountsBytesNotCharacters() {
        byte[] euros = "\u20ac".repeat(12).getBytes(StandardCharsets.UTF_8); // 12 characters, 36 bytes

        assertThat(deliver(frame(OpCode.TEXT, false, Arrays.copyOfRange(euros, 0, 18))).get()).isEqualTo("ok");
        Object outcome = deliver(frame(OpCode.CONTINUATION, true, Arrays.copyOfRange(euros, 18, 36))).get();

        assertThat(outcome).isInstanceOf(MessageTooLargeException.class);
        assertThat(texts).isEmpty();
    }

    @Test
    void binaryMessagesAreMeasuredAndAContinuationWithoutAMessageIsAProtocolError() {
        deliver(frame(OpCode.BINARY, false, new byte[10]));
        deliver(frame(OpCode.CONTINUATION, true, new byte[5]));

        assertThat(binaries).containsExactly(15L);
        assertThat(deliver(frame(OpCode.CONTINUATION, true, new byte[1])).get()).isInstanceOf(ProtocolException.class);
    }

    @Test
    void aPingIsAnsweredWithItsPayloadAndTheNextFrameIsReadOnlyOnceThePongIsWritten() {
        int demandsBefore = session.demands.get();

        AtomicReference<Object> ping = deliver(frame(OpCode.PING, true, new byte[] {1, 2, 3}));

        assertThat(session.sent).hasSize(1);
        Frame pong = session.sent.getFirst();
        assertThat(pong.getOpCode()).isEqualTo(OpCode.PONG);
        byte[] echoed = new byte[pong.getPayloadLength()];
        pong.getPayload().duplicate().get(echoed);
        assertThat(echoed).containsExactly(1, 2, 3);
        assertThat(ping.get()).isNull();
        assertThat(session.demands.get()).isEqualTo(demandsBefore);

        session.sentCallbacks.getFirst().succeeded();

        assertThat(ping.get()).isEqualTo("ok");
        assertThat(session.demands.get()).isEqualTo(demandsBefore + 1);
    }

    @Test
    void aMessageWhoseHandlingGoesOnElsewhereHoldsTheNextFrameBackWhetherWholeOrFragmented() {
        readOnAfterText = false;
        int demandsBefore = session.demands.get();

        assertThat(deliver(frame(OpCode.TEXT, true, "{}".getBytes(StandardCharsets.UTF_8))).get()).isEqualTo("ok");
        assertThat(session.demands.get()).isEqualTo(demandsBefore);

        assertThat(deliver(frame(OpCode.TEXT, false, "[".getBytes(StandardCharsets.UTF_8))).get()).isEqualTo("ok");
        assertThat(session.demands.get()).isEqualTo(demandsBefore + 1); // a fragment: the message is not whole yet
        assertThat(deliver(frame(OpCode.CONTINUATION, true, "]".getBytes(StandardCharsets.UTF_8))).get())
                .isEqualTo("ok");

        assertThat(texts).containsExactly("{}", "[]");
        assertThat(session.demands.get()).isEqualTo(demandsBefore + 1);
    }

    @Test
    void theCloseIsReportedOnceWithTheClientsCode() {
        deliver(new Frame(OpCode.CLOSE).setPayload(new CloseStatus(4000, "bye").asPayloadBuffer()));
        frames.onClosed(new CloseStatus(1006, "gone"), Callback.NOOP);

        assertThat(closes).containsExactly(4000);
    }

    /** A core session that records what the handler sends and how often it asks for the next frame. */
    private static final class RecordingSession extends CoreSession.Empty {
        final List<Frame> sent = new ArrayList<>();
        final List<Callback> sentCallbacks = new ArrayList<>();
        final AtomicInteger demands = new AtomicInteger();

        @Override
        public void sendFrame(Frame frame, Callback callback, boolean batch) {
            sent.add(frame);
            sentCallbacks.add(callback);
        }

        @Override
        public void demand() {
            demands.incrementAndGet();
        }
    }
}
