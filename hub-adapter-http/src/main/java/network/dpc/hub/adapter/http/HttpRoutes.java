package network.dpc.hub.adapter.http;

import io.javalin.config.RoutesConfig;

/** One area of the REST API (health, accounts, nodes, …) that adds its endpoints to the server. */
public interface HttpRoutes {

    void addTo(RoutesConfig routes);
}
