package network.dpc.hub.adapter.http.signaling;

import io.github.bucket4j.Bucket;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import network.dpc.hub.application.port.out.SignalEndpoint;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.presence.PresenceChange;
import network.dpc.hub.domain.signaling.SessionKey;
import network.dpc.hub.domain.signaling.SocketClose;
import network.dpc.hub.domain.user.UserId;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open {@code /ws/signal} socket: the node it speaks for, its inbound message allowance, its bounded outbound
 * queue and its liveness. Sends never block; a socket whose queue is over its limit is closed as a slow reader.
 */
final class SignalingConnection implements SignalEndpoint {

    private static final Logger log = LoggerFactory.getLogger(SignalingConnection.class);

    private final CoreSession session;
    private final UserId user;
    private final NodeId node;
    private final Bucket allowance;
    private final SignalingFrames frames;
    private final SignalingSettings settings;
    private final ScheduledExecutorService scheduler;
    private final AtomicInteger queuedFrames = new AtomicInteger();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile boolean gone;
    /** Frames to send once {@code auth_ok} is out (the socket is registered a moment before); null after that. */
    private List<String> beforeGreeting = new ArrayList<>();
    private final Object greeting = new Object();
    private volatile SessionKey key;
    private volatile long lastHeardNanos = System.nanoTime();
    private volatile long lastPingNanos = System.nanoTime();
    private long lastBytesIn = -1;

    SignalingConnection(CoreSession session, UserId user, NodeId node, Bucket allowance, SignalingFrames frames,
            SignalingSettings settings, ScheduledExecutorService scheduler) {
        this.session = Objects.requireNonNull(session, "session");
        this.user = Objects.requireNonNull(user, "user");
        this.node = Objects.requireNonNull(node, "node");
        this.allowance = Objects.requireNonNull(allowance, "allowance");
        this.frames = Objects.requireNonNull(frames, "frames");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    UserId user() {
        return user;
    }

    NodeId node() {
        return node;
    }

    SessionKey key() {
        return key;
    }

    void registeredAs(SessionKey registration) {
        this.key = registration;
    }

    /** Takes one message from the socket's allowance; false when the socket is over its rate. */
    boolean tryTakeMessage() {
        return allowance.tryConsume(1);
    }

    /** Lets the socket's next frame in (after a message whose handling went on elsewhere). */
    void readNext() {
        session.demand();
    }

    /** Something arrived from the client. */
    void heard() {
        lastHeardNanos = System.nanoTime();
    }

    /**
     * Sends {@code auth_ok} and then whatever was sent to the socket since it was registered, so {@code auth_ok} is
     * always the first frame even though the node is reachable before it is written.
     */
    void greet(String authOk) {
        synchronized (greeting) {
            enqueue(authOk);
            for (String frame : beforeGreeting) {
                enqueue(frame);
            }
            beforeGreeting = null;
        }
    }

    @Override
    public void send(String frame) {
        if (closing.get() || !session.isOutputOpen()) {
            throw new IllegalStateException("socket is closed");
        }
        synchronized (greeting) {
            if (beforeGreeting != null) {
                if (beforeGreeting.size() >= settings.maxOutboundFrames()) {
                    close(SocketClose.SLOW_READER);
                    throw new IllegalStateException("outbound queue full");
                }
                beforeGreeting.add(frame);
                return;
            }
        }
        enqueue(frame);
    }

    private void enqueue(String frame) {
        if (closing.get()) {
            throw new IllegalStateException("socket is closed");
        }
        long bytes = frame.length();
        int frameCount = queuedFrames.incrementAndGet();
        long byteCount = queuedBytes.addAndGet(bytes);
        if (frameCount > settings.maxOutboundFrames() || byteCount > settings.maxOutboundBytes()) {
            written(bytes);
            close(SocketClose.SLOW_READER);
            throw new IllegalStateException("outbound queue full");
        }
        session.sendFrame(new Frame(OpCode.TEXT).setPayload(frame), Callback.from(() -> written(bytes), failure -> {
            written(bytes);
            close(SocketClose.SLOW_READER);
        }), false);
    }

    @Override
    public void presenceChanged(PresenceChange change) {
        send(frames.presence(change.node(), change.online()));
    }

    @Override
    public void close(SocketClose reason) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        log.debug("Closing a signaling socket with {}", reason.code());
        try {
            session.close(reason.code(), reason.reason(), Callback.NOOP);
        } catch (RuntimeException alreadyGone) {
            session.abort();
            return;
        }
        long graceMillis = settings.closeGrace().toMillis();
        scheduler.schedule(() -> {
            if (!gone) {
                session.abort(); // the client never completed the close handshake (e.g. it does not read)
            }
        }, graceMillis, TimeUnit.MILLISECONDS);
    }

    /** The socket is closed for good (Jetty reported its close). */
    void gone() {
        gone = true;
        closing.set(true);
    }

    /** Sends a protocol ping when one is due, and closes the socket when nothing arrived for too long. */
    void checkLiveness(long nowNanos) {
        if (closing.get()) {
            return;
        }
        long bytesIn = bytesIn();
        if (bytesIn != lastBytesIn) {
            lastBytesIn = bytesIn;
            lastHeardNanos = nowNanos;
        }
        if (nowNanos - lastHeardNanos >= settings.silenceTimeout().toNanos()) {
            close(SocketClose.SILENT);
        } else if (nowNanos - lastPingNanos >= settings.pingInterval().toNanos()) {
            lastPingNanos = nowNanos;
            session.sendFrame(new Frame(OpCode.PING), Callback.NOOP, false);
        }
    }

    /**
     * Bytes read from the client so far, pongs included; -1 when the underlying Jetty session does not tell, and
     * then only messages count as signs of life.
     */
    private long bytesIn() {
        if (session instanceof WebSocketCoreSession core && core.getConnection() != null) {
            return core.getConnection().getBytesIn();
        }
        return -1;
    }

    private void written(long bytes) {
        queuedFrames.decrementAndGet();
        queuedBytes.addAndGet(-bytes);
    }
}
