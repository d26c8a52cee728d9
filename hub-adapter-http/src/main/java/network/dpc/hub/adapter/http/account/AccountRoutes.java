package network.dpc.hub.adapter.http.account;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import network.dpc.hub.adapter.http.BearerAuthentication;
import network.dpc.hub.adapter.http.HttpRoutes;
import network.dpc.hub.adapter.http.RequestBodies;
import network.dpc.hub.application.port.in.Caller;
import network.dpc.hub.application.port.in.CompleteLoginUseCase;
import network.dpc.hub.application.port.in.CompleteLoginUseCase.CodeIssued;
import network.dpc.hub.application.port.in.CompleteLoginUseCase.LoginFailed;
import network.dpc.hub.application.port.in.CompleteLoginUseCase.LoginOutcome;
import network.dpc.hub.application.port.in.CompleteLoginUseCase.TokensIssued;
import network.dpc.hub.application.port.in.GetAccountUseCase;
import network.dpc.hub.application.port.in.LogoutUseCase;
import network.dpc.hub.application.port.in.RefreshAccessTokenUseCase;
import network.dpc.hub.application.port.in.StartLoginUseCase;
import network.dpc.hub.application.port.in.TokenPair;

/** Sign-in, tokens and the own account: {@code /login}, {@code /auth/…/callback}, {@code /refresh}, {@code /logout},
 * {@code /users/me} (the OAuth token endpoint {@code /token} is in {@link TokenEndpointRoutes}). */
public final class AccountRoutes implements HttpRoutes {

    private final StartLoginUseCase startLogin;
    private final CompleteLoginUseCase completeLogin;
    private final RefreshAccessTokenUseCase refresh;
    private final LogoutUseCase logout;
    private final GetAccountUseCase account;
    private final BearerAuthentication bearer;

    public AccountRoutes(StartLoginUseCase startLogin, CompleteLoginUseCase completeLogin,
            RefreshAccessTokenUseCase refresh, LogoutUseCase logout, GetAccountUseCase account,
            BearerAuthentication bearer) {
        this.startLogin = Objects.requireNonNull(startLogin, "startLogin");
        this.completeLogin = Objects.requireNonNull(completeLogin, "completeLogin");
        this.refresh = Objects.requireNonNull(refresh, "refresh");
        this.logout = Objects.requireNonNull(logout, "logout");
        this.account = Objects.requireNonNull(account, "account");
        this.bearer = Objects.requireNonNull(bearer, "bearer");
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/login/{provider}", this::login);
        routes.get("/auth/{provider}/callback", this::callback);
        routes.post("/refresh", this::refresh);
        routes.post("/logout", this::logout);
        routes.get("/users/me", this::me);
    }

    private void login(Context ctx) {
        URI target = startLogin.start(new StartLoginUseCase.StartLoginCommand(ctx.pathParam("provider"),
                query(ctx, "redirect_uri"), query(ctx, "code_challenge"), query(ctx, "code_challenge_method")));
        redirect(ctx, target);
    }

    private void callback(Context ctx) {
        LoginOutcome outcome = completeLogin.complete(new CompleteLoginUseCase.CompleteLoginCommand(
                ctx.pathParam("provider"), query(ctx, "state"), query(ctx, "code"), query(ctx, "error"),
                query(ctx, "error_description")));
        Map<String, String> parameters = new LinkedHashMap<>();
        switch (outcome) {
            case TokensIssued issued -> {
                parameters.put("access_token", issued.accessToken());
                parameters.put("refresh_token", issued.refreshToken());
            }
            case CodeIssued code -> parameters.put("code", code.code());
            case LoginFailed failed -> {
                parameters.put("error", failed.error());
                parameters.put("error_description", failed.description());
            }
        }
        redirect(ctx, withQuery(outcome.clientRedirect(), parameters));
    }

    private void refresh(Context ctx) {
        ObjectNode body = RequestBodies.jsonObject(ctx);
        TokenPair pair = refresh.refresh(RequestBodies.requiredString(body, "refresh_token"));
        ctx.json(new AccessTokenResponse(pair.accessToken(), "bearer"));
    }

    private void logout(Context ctx) {
        Caller caller = bearer.caller(ctx);
        ObjectNode body = RequestBodies.jsonObject(ctx);
        boolean everywhere = "true".equalsIgnoreCase(ctx.queryParam("all"));
        LogoutUseCase.LogoutResult result = logout.logout(new LogoutUseCase.LogoutCommand(caller,
                RequestBodies.optionalString(body, "refresh_token"), everywhere));
        ctx.json(new LogoutResponse("Successfully logged out", result.primaryNodeId().orElse(null)));
    }

    private void me(Context ctx) {
        Caller caller = bearer.caller(ctx);
        ctx.json(AccountResponse.from(account.account(caller.userId())));
    }

    static Optional<String> query(Context ctx, String name) {
        return Optional.ofNullable(ctx.queryParam(name));
    }

    private static void redirect(Context ctx, URI target) {
        ctx.header("Location", target.toString());
        ctx.header("Cache-Control", "no-store");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.status(HttpStatus.FOUND);
    }

    /** {@code base} with the parameters appended to whatever query it already has. */
    static URI withQuery(URI base, Map<String, String> parameters) {
        StringBuilder query = new StringBuilder();
        parameters.forEach((k, v) -> query.append(query.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        String text = base.toString();
        int fragment = text.indexOf('#');
        if (fragment >= 0) {
            text = text.substring(0, fragment);
        }
        return URI.create(text + (base.getRawQuery() == null ? "?" : "&") + query);
    }

    record AccessTokenResponse(String accessToken, String tokenType) {
    }

    record LogoutResponse(String message, String nodeId) {
    }
}
