package network.dpc.hub.adapter.http.meta;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import network.dpc.hub.adapter.http.ApiException;
import network.dpc.hub.adapter.http.HttpRoutes;
import network.dpc.hub.adapter.http.JsonMapping;

/**
 * The API documentation: {@code GET /openapi.json} (the hand-written OpenAPI 3.1 document, stamped with this hub's
 * version) and {@code GET /docs}, a Swagger UI page whose assets are served from the jar (no CDN, so it works
 * behind firewalls and offline).
 */
public final class ApiDocsRoutes implements HttpRoutes {

    public static final String DOCUMENT_PATH = "/openapi.json";
    public static final String PAGE_PATH = "/docs";
    static final String DOCUMENT_RESOURCE = "/network/dpc/hub/adapter/http/meta/openapi.json";
    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final String WEBJAR_PROPERTIES = "/META-INF/maven/org.webjars/swagger-ui/pom.properties";
    /** The only assets served: everything the page needs and nothing else of the webjar. */
    private static final Map<String, String> ASSETS = Map.of(
            "swagger-ui.css", "text/css; charset=utf-8",
            "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
            "favicon-32x32.png", "image/png",
            "favicon-16x16.png", "image/png");
    private static final String PAGE = """
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>D-PC Federation Hub API</title>
              <link rel="stylesheet" href="docs/swagger-ui.css">
              <link rel="icon" type="image/png" href="docs/favicon-32x32.png">
            </head>
            <body>
              <div id="swagger-ui"></div>
              <noscript>This page needs JavaScript. The API description itself is at
                <a href="openapi.json">openapi.json</a>.</noscript>
              <script src="docs/swagger-ui-bundle.js"></script>
              <script>
                window.ui = SwaggerUIBundle({ url: "openapi.json", dom_id: "#swagger-ui", deepLinking: true });
              </script>
            </body>
            </html>
            """;

    private final byte[] document;
    private final String webjarVersion;

    /** @param hubVersion written into the document's {@code info.version} */
    public ApiDocsRoutes(String hubVersion) {
        Objects.requireNonNull(hubVersion, "hubVersion");
        this.document = stamped(hubVersion);
        this.webjarVersion = webjarVersion();
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get(DOCUMENT_PATH, ctx -> ctx.contentType("application/json").result(document));
        routes.get(PAGE_PATH, ctx -> ctx.contentType("text/html; charset=utf-8").result(PAGE));
        routes.get(PAGE_PATH + "/{asset}", this::asset);
    }

    private void asset(Context ctx) {
        String name = ctx.pathParam("asset");
        String type = ASSETS.get(name);
        Optional<InputStream> in = type == null ? Optional.empty()
                : Optional.ofNullable(ApiDocsRoutes.class.getClassLoader()
                        .getResourceAsStream(WEBJAR + webjarVersion + "/" + name));
        if (in.isEmpty()) {
            throw new ApiException(404, "not_found", "Not found: GET " + PAGE_PATH + "/" + name);
        }
        ctx.header("Cache-Control", "public, max-age=86400").contentType(type).result(in.get());
    }

    private static byte[] stamped(String hubVersion) {
        ObjectMapper json = JsonMapping.objectMapper();
        try (InputStream in = ApiDocsRoutes.class.getResourceAsStream(DOCUMENT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT_RESOURCE + " is missing from the jar");
            }
            ObjectNode root = (ObjectNode) json.readTree(in);
            ((ObjectNode) root.get("info")).put("version", hubVersion);
            return json.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DOCUMENT_RESOURCE, e);
        }
    }

    private static String webjarVersion() {
        try (InputStream in = ApiDocsRoutes.class.getResourceAsStream(WEBJAR_PROPERTIES)) {
            if (in == null) {
                throw new IllegalStateException("the swagger-ui webjar is missing from the class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + WEBJAR_PROPERTIES, e);
        }
    }
}
