package network.dpc.hub.adapter.http;

import io.javalin.http.Context;

/**
 * Told about every finished HTTP request (also 404s, errors and refusals), after the response is written; a route
 * group that also implements this interface is registered as an observer by {@link HubHttpServer}.
 */
public interface HttpRequestObserver {

    /** @param executionMillis how long the hub took to answer */
    void completed(Context ctx, float executionMillis);
}
