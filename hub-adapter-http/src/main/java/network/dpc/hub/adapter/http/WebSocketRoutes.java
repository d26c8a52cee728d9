package network.dpc.hub.adapter.http;

import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;

/**
 * Routes that also answer WebSocket upgrades on one path straight from Jetty, ahead of Javalin's servlet: the
 * upgrade then costs no servlet request wrappers, no HTTP session and no copy of the request kept per socket.
 */
public interface WebSocketRoutes extends HttpRoutes {

    /** The path whose upgrade requests {@link #webSocketNegotiator()} decides. */
    String webSocketPath();

    /** Decides each upgrade: the frame handler of the new socket, or {@code null} after writing a refusal. */
    WebSocketNegotiator webSocketNegotiator();
}
