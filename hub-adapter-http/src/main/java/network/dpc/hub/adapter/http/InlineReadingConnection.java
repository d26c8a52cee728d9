package network.dpc.hub.adapter.http;

import java.util.concurrent.Executor;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.websocket.core.WebSocketConnection;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;

/**
 * A WebSocket connection whose reads run on the selector thread that saw the socket readable, as an event loop
 * does, instead of being handed to a new thread each time; its frame handler must therefore never block.
 */
final class InlineReadingConnection extends WebSocketConnection {

    private final Callback readable = new Callback() {
        @Override
        public void succeeded() {
            onFillable();
        }

        @Override
        public void failed(Throwable cause) {
            onFillInterestedFailed(cause);
        }

        @Override
        public InvocationType getInvocationType() {
            return InvocationType.NON_BLOCKING;
        }
    };

    InlineReadingConnection(EndPoint endPoint, Executor executor, Scheduler scheduler, ByteBufferPool buffers,
            WebSocketCoreSession session) {
        super(endPoint, executor, scheduler, buffers, session);
    }

    @Override
    public void fillInterested() {
        getEndPoint().fillInterested(readable);
    }
}
