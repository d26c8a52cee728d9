package network.dpc.hub.adapter.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.websocket.WsHandlerType;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import network.dpc.hub.domain.shared.DomainException;
import network.dpc.hub.domain.shared.ErrorKind;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's HTTP server (Javalin on Jetty, virtual threads): applies the cross-cutting rules of the contract —
 * request ids, security headers, body size limit, JSON errors for every failure — around the routes it is given.
 */
public final class HubHttpServer {

    private static final Logger log = LoggerFactory.getLogger(HubHttpServer.class);
    private static final String REQUEST_ID_ATTRIBUTE = "dpc.requestId";
    /**
     * The compression extension the hub never negotiates, though browsers and most clients offer it: signaling frames
     * are small, and a compressor and decompressor per socket would cost far more CPU per relayed frame and memory
     * per idle socket than the bytes they save.
     */
    private static final String DEFLATE = "permessage-deflate";
    /** The listen backlog: Jetty's default of 50 drops connection bursts (thousands of clients reconnecting). */
    static final int ACCEPT_QUEUE_SIZE = 1024;

    private final HttpSettings settings;
    private final List<HttpRoutes> routes;
    private final ObjectMapper json = JsonMapping.objectMapper();
    private Javalin app;

    public HubHttpServer(HttpSettings settings, List<HttpRoutes> routes) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.routes = List.copyOf(routes);
    }

    /** Starts listening on {@code port} (0 picks a free one) and returns the bound port. */
    public synchronized int start(int port) {
        if (app != null) {
            throw new IllegalStateException("already started");
        }
        app = Javalin.create(this::configure).start(settings.host(), port);
        return app.port();
    }

    /** Stops accepting connections and finishes the requests in flight. */
    public synchronized void stop() {
        if (app != null) {
            app.stop();
            app = null;
        }
    }

    public synchronized int port() {
        if (app == null) {
            throw new IllegalStateException("not started");
        }
        return app.port();
    }

    /**
     * {@code METHOD /path} of every endpoint registered (WebSocket endpoints as {@code GET}), without filters, for
     * the check that the API documentation covers every route.
     */
    public synchronized List<String> endpoints() {
        if (app == null) {
            throw new IllegalStateException("not started");
        }
        var router = app.unsafe.internalRouter;
        return Stream.concat(
                router.allHttpHandlers().stream().map(parsed -> parsed.endpoint)
                        .filter(endpoint -> endpoint.method.isHttpMethod())
                        .map(endpoint -> endpoint.method.name() + " " + endpoint.path),
                router.allWsHandlers().stream().filter(ws -> ws.getType() == WsHandlerType.WEBSOCKET)
                        .map(ws -> "GET " + ws.getPath()))
                .distinct().sorted().toList();
    }

    /** The listen backlog of the started server's connector (for tests). */
    synchronized int acceptQueueSize() {
        return ((ServerConnector) app.jettyServer().server().getConnectors()[0]).getAcceptQueueSize();
    }

    private void configure(JavalinConfig config) {
        config.concurrency.useVirtualThreads = true;
        config.startup.showJavalinBanner = false;
        config.http.prefer405over404 = true;
        config.http.maxRequestSize = settings.maxRequestBytes();
        config.http.defaultContentType = "application/json";
        config.jsonMapper(new BufferedJsonMapper(json));
        config.jetty.modifyServer(server -> {
            server.setStopTimeout(5_000);
            server.setErrorHandler(new JsonJettyErrorHandler());
            server.addEventListener(new LifeCycle.Listener() {
                @Override
                public void lifeCycleStarting(LifeCycle event) {
                    // Javalin adds its connector after modifyServer; it opens (listens) only when the server starts.
                    for (Connector connector : server.getConnectors()) {
                        if (connector instanceof ServerConnector serverConnector) {
                            serverConnector.setAcceptQueueSize(ACCEPT_QUEUE_SIZE);
                        }
                    }
                    answerWebSocketUpgradesFirst(server);
                }
            });
        });
        if (!settings.allowedOrigins().isEmpty()) {
            config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                settings.allowedOrigins().forEach(origin -> rule.allowHost(origin));
                rule.allowCredentials = true;
                rule.exposeHeader(RequestIds.HEADER);
            }));
        }
        routes.stream().filter(HttpRequestObserver.class::isInstance).map(HttpRequestObserver.class::cast)
                .forEach(observer -> config.requestLogger.http(observer::completed));
        RoutesConfig r = config.routes;
        r.before(this::beforeEveryRequest);
        r.exception(ApiException.class, (e, ctx) -> sendError(ctx, e.status(), e.body()));
        r.exception(DomainException.class, this::domainError);
        r.exception(HttpResponseException.class, this::frameworkError);
        r.exception(Exception.class, this::unexpected);
        routes.forEach(group -> group.addTo(r));
    }

    /**
     * Puts the hub's WebSocket upgrade handler ({@link WebSocketUpgrades}) in front of Javalin for the paths of
     * {@link WebSocketRoutes}; every other request, and a plain (non-upgrade) request to such a path, goes on to
     * Javalin.
     */
    private void answerWebSocketUpgradesFirst(Server server) {
        List<WebSocketRoutes> sockets = routes.stream().filter(WebSocketRoutes.class::isInstance)
                .map(WebSocketRoutes.class::cast).toList();
        if (sockets.isEmpty()) {
            return;
        }
        WebSocketComponents components = WebSocketServerComponents.ensureWebSocketComponents(server);
        components.getExtensionRegistry().unregister(DEFLATE);
        Map<String, WebSocketNegotiator> negotiators = sockets.stream()
                .collect(Collectors.toMap(WebSocketRoutes::webSocketPath, WebSocketRoutes::webSocketNegotiator));
        server.setHandler(new WebSocketUpgrades(components, negotiators, server.getHandler()));
    }

    private void beforeEveryRequest(Context ctx) {
        String requestId = RequestIds.choose(ctx.header(RequestIds.HEADER));
        ctx.attribute(REQUEST_ID_ATTRIBUTE, requestId);
        ctx.header(RequestIds.HEADER, requestId);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        if (settings.strictTransportSecurity()) {
            ctx.header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
        long declared = ctx.req().getContentLengthLong();
        if (declared > settings.maxRequestBytes()) {
            // the unread body makes the connection unusable: say so, or a client may reuse it and get no answer
            ctx.header("Connection", "close");
            throw tooLarge();
        }
    }

    private void domainError(DomainException e, Context ctx) {
        if (e.kind() == ErrorKind.UNAUTHORIZED) {
            ctx.header("WWW-Authenticate", "Bearer");
        }
        sendError(ctx, ErrorMapper.statusOf(e.kind()).getCode(), ErrorMapper.bodyOf(e));
    }

    private ApiException tooLarge() {
        return new ApiException(413, "payload_too_large",
                "Request body is larger than " + settings.maxRequestBytes() / 1024 + " KiB");
    }

    private void frameworkError(HttpResponseException e, Context ctx) {
        int status = e.getStatus();
        ErrorResponse body = switch (status) {
            case 404 -> new ErrorResponse("Not found: " + ctx.method() + " " + ctx.path(), "not_found");
            case 405 -> new ErrorResponse("Method " + ctx.method() + " is not allowed on " + ctx.path(),
                    "method_not_allowed");
            case 413 -> tooLarge().body();
            case 400 -> new ErrorResponse("Bad request", "bad_request");
            default -> new ErrorResponse(HttpStatus.forStatus(status).getMessage(), "http_" + status);
        };
        sendError(ctx, status, body);
    }

    /** Writes an error body, remembering its code on the request for the metrics. */
    private static void sendError(Context ctx, int status, ErrorResponse body) {
        ctx.attribute(ErrorResponse.CODE_ATTRIBUTE, body.code());
        ctx.status(status).json(body);
    }

    private static String routeTemplate(Context ctx) {
        try {
            return ctx.endpoint().path;
        } catch (RuntimeException noEndpoint) {
            return "(unmatched)";
        }
    }

    private void unexpected(Exception e, Context ctx) {
        log.error("Unexpected error handling {} {} (request {})", ctx.method(), routeTemplate(ctx),
                ctx.attribute(REQUEST_ID_ATTRIBUTE), e);
        sendError(ctx, HttpStatus.INTERNAL_SERVER_ERROR.getCode(),
                new ErrorResponse("Internal server error", "internal_error"));
    }
}
