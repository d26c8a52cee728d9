package network.dpc.hub.adapter.http;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.WebSocketConnection;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;
import org.eclipse.jetty.websocket.core.server.internal.AbstractHandshaker;
import org.eclipse.jetty.websocket.core.server.internal.RFC6455Negotiation;
import org.eclipse.jetty.websocket.core.server.internal.WebSocketNegotiation;
import org.eclipse.jetty.websocket.core.util.WebSocketUtils;

/** The RFC 6455 (HTTP/1.1) upgrade, answering with {@link InlineReadingConnection}s. */
final class InlineReadingHandshaker extends AbstractHandshaker {

    @Override
    public boolean isWebSocketUpgradeRequest(Request request) {
        return HttpMethod.GET.is(request.getMethod())
                && HttpVersion.HTTP_1_1.is(request.getConnectionMetaData().getProtocol())
                && super.isWebSocketUpgradeRequest(request);
    }

    @Override
    protected WebSocketNegotiation newNegotiation(Request request, Response response, Callback callback,
            WebSocketComponents components) {
        return new RFC6455Negotiation(request, response, callback, components);
    }

    @Override
    protected boolean validateNegotiation(WebSocketNegotiation negotiation) {
        if (!super.validateNegotiation(negotiation)) {
            return false;
        }
        if (((RFC6455Negotiation) negotiation).getKey() == null) {
            throw new org.eclipse.jetty.http.HttpException.RuntimeException(HttpStatus.BAD_REQUEST_400,
                    "Missing request header 'Sec-WebSocket-Key'");
        }
        return true;
    }

    @Override
    protected WebSocketConnection createWebSocketConnection(Request request, WebSocketCoreSession session) {
        Connector connector = request.getConnectionMetaData().getConnector();
        WebSocketConnection connection = new InlineReadingConnection(
                request.getConnectionMetaData().getConnection().getEndPoint(), connector.getExecutor(),
                connector.getScheduler(), connector.getByteBufferPool(), session);
        session.setWebSocketConnection(connection);
        return connection;
    }

    @Override
    protected void prepareResponse(Response response, WebSocketNegotiation negotiation) {
        response.setStatus(HttpStatus.SWITCHING_PROTOCOLS_101);
        response.getHeaders().put(HttpHeader.UPGRADE, "websocket");
        response.getHeaders().put(HttpHeader.CONNECTION, "Upgrade");
        response.getHeaders().put(HttpHeader.SEC_WEBSOCKET_ACCEPT,
                WebSocketUtils.hashKey(((RFC6455Negotiation) negotiation).getKey()));
    }
}
