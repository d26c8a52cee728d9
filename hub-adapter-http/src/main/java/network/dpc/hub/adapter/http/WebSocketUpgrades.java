package network.dpc.hub.adapter.http;

import java.util.Map;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;

/**
 * Answers WebSocket upgrade requests on the given paths straight from Jetty, with sockets read on the selector
 * ({@link InlineReadingConnection}); every other request goes on to the wrapped handler.
 */
final class WebSocketUpgrades extends Handler.Wrapper {

    private final WebSocketComponents components;
    private final Map<String, WebSocketNegotiator> negotiators;
    private final InlineReadingHandshaker handshaker = new InlineReadingHandshaker();
    private final Configuration.ConfigurationCustomizer defaults = new Configuration.ConfigurationCustomizer();

    WebSocketUpgrades(WebSocketComponents components, Map<String, WebSocketNegotiator> negotiators, Handler next) {
        super(next);
        this.components = components;
        this.negotiators = Map.copyOf(negotiators);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        WebSocketNegotiator negotiator = negotiators.get(Request.getPathInContext(request));
        if (negotiator != null && handshaker.isWebSocketUpgradeRequest(request)
                && handshaker.upgradeRequest(negotiator, request, response, callback, components, defaults)) {
            return true;
        }
        return super.handle(request, response, callback);
    }
}
