package network.dpc.hub.adapter.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Follows an authorization URL the way a browser would, until the provider redirects to the hub's callback. */
public final class Browser {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private Browser() {
    }

    /** The query parameters the provider sent back to {@code callback} (code, state, ...). */
    public static Map<String, String> signIn(URI authorizationUrl, URI callback) {
        URI next = authorizationUrl;
        for (int hop = 0; hop < 5; hop++) {
            HttpResponse<String> response = get(next);
            assertThat(response.statusCode()).as("redirect from %s", next).isBetween(301, 303);
            URI location = next.resolve(response.headers().firstValue("Location").orElseThrow());
            if (location.toString().startsWith(callback.toString() + "?")) {
                return query(location);
            }
            next = location;
        }
        throw new AssertionError("the provider never redirected to " + callback);
    }

    public static Map<String, String> query(URI uri) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            parameters.put(key, value);
        }
        return parameters;
    }

    private static HttpResponse<String> get(URI uri) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("browser could not load " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
