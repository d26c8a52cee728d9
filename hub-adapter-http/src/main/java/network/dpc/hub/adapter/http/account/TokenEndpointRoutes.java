package network.dpc.hub.adapter.http.account;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import network.dpc.hub.adapter.http.ApiException;
import network.dpc.hub.adapter.http.HttpRoutes;
import network.dpc.hub.adapter.http.RequestBodies;
import network.dpc.hub.application.port.in.ExchangeHubCodeUseCase;
import network.dpc.hub.application.port.in.RefreshAccessTokenUseCase;
import network.dpc.hub.application.port.in.TokenPair;
import network.dpc.hub.domain.shared.DomainException;

/**
 * {@code POST /token}, the OAuth 2.0 token endpoint shape (RFC 6749): the refresh grant and the PKCE hub-code grant,
 * with a form or JSON body; errors carry RFC 6749 §5.2's {@code error} beside the hub's {@code detail}/{@code code}.
 */
public final class TokenEndpointRoutes implements HttpRoutes {

    private final RefreshAccessTokenUseCase refresh;
    private final ExchangeHubCodeUseCase exchange;

    public TokenEndpointRoutes(RefreshAccessTokenUseCase refresh, ExchangeHubCodeUseCase exchange) {
        this.refresh = Objects.requireNonNull(refresh, "refresh");
        this.exchange = Objects.requireNonNull(exchange, "exchange");
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post("/token", this::token);
    }

    private void token(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        JsonNode body;
        try {
            body = parameters(ctx);
        } catch (ApiException e) {
            fail(ctx, "invalid_request", e.getMessage());
            return;
        }
        String grant = text(body, "grant_type").orElse("");
        try {
            TokenPair pair = switch (grant) {
                case "refresh_token" -> refresh.refresh(required(body, "refresh_token"));
                case "authorization_code" -> exchange.exchange(required(body, "code"),
                        required(body, "code_verifier"), redirectUri(required(body, "redirect_uri")));
                case "" -> throw new GrantError("invalid_request", "grant_type is required");
                default -> throw new GrantError("unsupported_grant_type",
                        "grant_type must be refresh_token or authorization_code");
            };
            ctx.json(new TokenResponse(pair.accessToken(), pair.refreshToken(), "bearer",
                    pair.accessTokenLifetime().toSeconds()));
        } catch (GrantError e) {
            fail(ctx, e.error, e.getMessage());
        } catch (DomainException e) {
            fail(ctx, "invalid_grant", e.getMessage());
        }
    }

    private static JsonNode parameters(Context ctx) {
        String contentType = Optional.ofNullable(ctx.contentType()).orElse("");
        if (contentType.startsWith("application/x-www-form-urlencoded")) {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, List<String>> e : ctx.formParamMap().entrySet()) {
                if (e.getValue().size() != 1) {
                    throw new ApiException(400, "invalid_request", "Parameter " + e.getKey() + " is repeated");
                }
                node.put(e.getKey(), e.getValue().getFirst());
            }
            return node;
        }
        return RequestBodies.jsonObject(ctx);
    }

    private static Optional<String> text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value != null && value.isTextual() ? Optional.of(value.textValue()) : Optional.empty();
    }

    private static String required(JsonNode body, String field) {
        return text(body, field).filter(v -> !v.isEmpty())
                .orElseThrow(() -> new GrantError("invalid_request", field + " is required"));
    }

    private static URI redirectUri(String text) {
        try {
            return new URI(text);
        } catch (java.net.URISyntaxException e) {
            throw new GrantError("invalid_request", "redirect_uri is not a URI");
        }
    }

    private static void fail(Context ctx, String error, String sentence) {
        ctx.status(HttpStatus.BAD_REQUEST).json(new TokenError(error, sentence, sentence, error));
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TokenResponse(String accessToken, String refreshToken, String tokenType, long expiresIn) {
    }

    record TokenError(String error, String errorDescription, String detail, String code) {
    }

    /** A request the token endpoint refuses with one of RFC 6749's error codes. */
    private static final class GrantError extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;
        private final String error;

        GrantError(String error, String sentence) {
            super(sentence);
            this.error = error;
        }
    }
}
