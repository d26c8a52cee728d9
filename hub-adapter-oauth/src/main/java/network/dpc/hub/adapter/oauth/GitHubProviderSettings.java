package network.dpc.hub.adapter.oauth;

import java.net.URI;
import java.util.Objects;

/**
 * The settings of the GitHub provider: the hub's OAuth app credentials, the web base URL that serves
 * {@code /login/oauth/authorize} and {@code /login/oauth/access_token}, and the REST API base URL.
 * {@link #toString()} never shows the client secret.
 *
 * @param clientId the OAuth app's client id
 * @param clientSecret the OAuth app's client secret
 * @param baseUrl where the OAuth endpoints live, {@code https://github.com} unless GitHub Enterprise or a stand-in
 * @param apiUrl where the REST API lives, {@code https://api.github.com} unless GitHub Enterprise or a stand-in
 */
public record GitHubProviderSettings(String clientId, String clientSecret, URI baseUrl, URI apiUrl) {

    public static final URI DEFAULT_BASE_URL = URI.create("https://github.com");
    public static final URI DEFAULT_API_URL = URI.create("https://api.github.com");

    public GitHubProviderSettings {
        clientId = ProviderUrls.requireText(clientId, "clientId");
        clientSecret = ProviderUrls.requireText(clientSecret, "clientSecret");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(apiUrl, "apiUrl");
        ProviderUrls.requireHttpUrl(baseUrl, "baseUrl");
        ProviderUrls.requireHttpUrl(apiUrl, "apiUrl");
    }

    /** The public github.com with the given OAuth app credentials. */
    public static GitHubProviderSettings of(String clientId, String clientSecret) {
        return new GitHubProviderSettings(clientId, clientSecret, DEFAULT_BASE_URL, DEFAULT_API_URL);
    }

    @Override
    public String toString() {
        return "GitHubProviderSettings[clientId=" + clientId + ", clientSecret=***, baseUrl=" + baseUrl
                + ", apiUrl=" + apiUrl + "]";
    }
}
