package network.dpc.hub.adapter.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.scribejava.core.exceptions.OAuthException;
import com.github.scribejava.core.extractors.OAuth2AccessTokenJsonExtractor;
import com.github.scribejava.core.httpclient.HttpClient;
import com.github.scribejava.core.model.OAuth2AccessToken;
import com.github.scribejava.core.model.OAuthRequest;
import com.github.scribejava.core.model.Response;
import com.github.scribejava.core.model.Verb;
import com.github.scribejava.core.oauth.OAuth20Service;
import com.github.scribejava.core.oauth2.clientauthentication.RequestBodyAuthenticationScheme;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import network.dpc.hub.application.port.out.IdentityProvider;

/**
 * Signs people in with GitHub through ScribeJava: authorization code with PKCE S256 at
 * {@code <base>/login/oauth/authorize} and {@code /login/oauth/access_token}, then {@code GET <api>/user}, and when
 * that shows no public address, {@code GET <api>/user/emails} for the primary verified (else first verified) one.
 */
public final class ScribeJavaGitHubIdentityProvider implements IdentityProvider {

    public static final String NAME = "github";
    static final String SCOPE = "read:user user:email";

    private final GitHubProviderSettings settings;
    private final HttpClient httpClient;
    private final ProviderOAuthApi api;

    /** GitHub reached with the default timeouts and size limit. */
    public ScribeJavaGitHubIdentityProvider(GitHubProviderSettings settings) {
        this(settings, ProviderHttpSettings.defaults());
    }

    public ScribeJavaGitHubIdentityProvider(GitHubProviderSettings settings, ProviderHttpSettings http) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.httpClient = new BoundedJdkHttpClient(Objects.requireNonNull(http, "http"));
        this.api = new ProviderOAuthApi(NAME,
                ProviderUrls.join(settings.baseUrl(), "/login/oauth/authorize"),
                ProviderUrls.join(settings.baseUrl(), "/login/oauth/access_token"),
                RequestBodyAuthenticationScheme.instance(),
                OAuth2AccessTokenJsonExtractor.instance());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public URI authorizationUrl(AuthorizationRequest request) {
        Objects.requireNonNull(request, "request");
        return CodeFlow.authorizationUrl(service(request.callbackUri()), SCOPE, request.state(),
                request.codeVerifier(), Map.of());
    }

    @Override
    public VerifiedIdentity complete(AuthorizationCallback callback) {
        Objects.requireNonNull(callback, "callback");
        OAuth20Service service = service(callback.callbackUri());
        OAuth2AccessToken token = CodeFlow.exchange(NAME, service, callback.code(), callback.codeVerifier());
        JsonNode user = get(service, token, "/user").filter(JsonNode::isObject)
                .orElseThrow(() -> ProviderFailures.unavailable(NAME, "/user is not a JSON object", null));
        JsonNode id = user.get("id");
        if (id == null || !(id.isIntegralNumber() || id.isTextual())) {
            throw ProviderFailures.unavailable(NAME, "/user carries no id", null);
        }
        String email = ProviderJson.text(user, "email").orElseGet(() -> verifiedEmail(service, token));
        return new VerifiedIdentity(email.strip(), NAME, id.asText());
    }

    private String verifiedEmail(OAuth20Service service, OAuth2AccessToken token) {
        JsonNode emails = get(service, token, "/user/emails").filter(JsonNode::isArray)
                .orElseThrow(() -> ProviderFailures.unavailable(NAME, "/user/emails is not a JSON array", null));
        return GitHubEmail.choose(GitHubEmail.listFrom(emails)).orElseThrow(() -> ProviderFailures.emailNotVerified(
                NAME, "Your GitHub account has no verified e-mail address; verify one at GitHub and sign in again."));
    }

    /** An authenticated API call; any status but 200 or a body that is not JSON is a {@code provider_error}. */
    private Optional<JsonNode> get(OAuth20Service service, OAuth2AccessToken token, String path) {
        OAuthRequest request = new OAuthRequest(Verb.GET, ProviderUrls.join(settings.apiUrl(), path));
        request.addHeader("Accept", "application/vnd.github+json");
        request.addHeader("X-GitHub-Api-Version", "2022-11-28");
        service.signRequest(token, request);
        try (Response response = service.execute(request)) {
            if (response.getCode() != 200) {
                throw ProviderFailures.unavailable(NAME, path + " answered HTTP " + response.getCode(), null);
            }
            return ProviderJson.any(response.getBody());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProviderFailures.unavailable(NAME, "interrupted while calling " + path, e);
        } catch (IOException | ExecutionException | OAuthException e) {
            throw ProviderFailures.unavailable(NAME, path + " unreachable", e);
        }
    }

    private OAuth20Service service(URI callbackUri) {
        Objects.requireNonNull(callbackUri, "callbackUri");
        return CodeFlow.service(api, settings.clientId(), settings.clientSecret(), callbackUri, httpClient);
    }
}
