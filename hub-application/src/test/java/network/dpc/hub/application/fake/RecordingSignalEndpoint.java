package network.dpc.hub.application.fake;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import network.dpc.hub.application.port.out.SignalEndpoint;
import network.dpc.hub.domain.presence.PresenceChange;
import network.dpc.hub.domain.signaling.SocketClose;

/** A socket stand-in that records what it was sent and how it was closed; can be told to refuse frames. */
public final class RecordingSignalEndpoint implements SignalEndpoint {

    private final List<String> frames = new CopyOnWriteArrayList<>();
    private final List<PresenceChange> presence = new CopyOnWriteArrayList<>();
    private final List<SocketClose> closes = new CopyOnWriteArrayList<>();
    private final AtomicBoolean refusing = new AtomicBoolean();

    /** From now on every send fails as if the socket's outbound queue were full. */
    public void refuseFrames() {
        refusing.set(true);
    }

    @Override
    public void send(String frame) {
        if (refusing.get() || !closes.isEmpty()) {
            throw new IllegalStateException("socket cannot take frames");
        }
        frames.add(frame);
    }

    @Override
    public void presenceChanged(PresenceChange change) {
        presence.add(change);
    }

    @Override
    public void close(SocketClose reason) {
        closes.add(reason);
    }

    public List<String> frames() {
        return List.copyOf(frames);
    }

    public List<PresenceChange> presenceChanges() {
        return List.copyOf(presence);
    }

    public List<SocketClose> closes() {
        return List.copyOf(closes);
    }
}
