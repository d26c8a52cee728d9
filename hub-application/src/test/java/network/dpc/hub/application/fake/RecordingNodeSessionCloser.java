package network.dpc.hub.application.fake;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import network.dpc.hub.application.port.out.NodeSessionCloser;
import network.dpc.hub.domain.node.NodeId;

/** Records every close request, so tests can assert which node sockets a use case closed and why. */
public final class RecordingNodeSessionCloser implements NodeSessionCloser {

    private final List<Closed> closed = new CopyOnWriteArrayList<>();

    @Override
    public void close(NodeId nodeId, Reason reason) {
        closed.add(new Closed(nodeId, reason));
    }

    /** Every close request so far, in order. */
    public List<Closed> closed() {
        return List.copyOf(closed);
    }

    public void clear() {
        closed.clear();
    }

    /** One recorded close request. */
    public record Closed(NodeId nodeId, Reason reason) {
    }
}
