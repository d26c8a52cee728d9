package network.dpc.hub.adapter.http.turn;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Objects;
import network.dpc.hub.adapter.http.BearerAuthentication;
import network.dpc.hub.adapter.http.HttpRoutes;
import network.dpc.hub.application.port.in.Caller;
import network.dpc.hub.application.port.in.IssueTurnCredentialsUseCase;
import network.dpc.hub.application.port.in.IssueTurnCredentialsUseCase.TurnCredentials;

/** {@code GET /turn-credentials} (Bearer): ephemeral TURN credentials, or 503 {@code turn_not_configured}. */
public final class TurnRoutes implements HttpRoutes {

    public static final String PATH = "/turn-credentials";

    private final IssueTurnCredentialsUseCase turn;
    private final BearerAuthentication bearer;

    public TurnRoutes(IssueTurnCredentialsUseCase turn, BearerAuthentication bearer) {
        this.turn = Objects.requireNonNull(turn, "turn");
        this.bearer = Objects.requireNonNull(bearer, "bearer");
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get(PATH, this::issue);
    }

    private void issue(Context ctx) {
        Caller caller = bearer.caller(ctx);
        ctx.header("Cache-Control", "no-store").json(TurnResponse.from(turn.issue(caller.userId())));
    }

    /** The credentials on the wire; {@code ttl} in seconds. */
    record TurnResponse(String username, String password, long ttl, List<String> uris) {

        static TurnResponse from(TurnCredentials credentials) {
            return new TurnResponse(credentials.username(), credentials.password(), credentials.ttl().toSeconds(),
                    credentials.uris());
        }
    }
}
