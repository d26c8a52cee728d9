package network.dpc.hub.adapter.oauth;

import java.net.URI;
import java.util.Objects;

/**
 * The settings of one OpenID Connect provider: the hub's name for it ({@code google} or {@code oidc}), the issuer
 * whose {@code /.well-known/openid-configuration} names every endpoint, and the hub's client credentials there.
 * {@link #toString()} never shows the client secret.
 *
 * @param name the provider's name in URLs, lower-case letters, digits and dashes
 * @param issuer the issuer identifier, an absolute http(s) URL without query or fragment
 * @param clientId the hub's client id at the issuer; ID tokens must be addressed to it
 * @param clientSecret the hub's client secret at the issuer
 */
public record OidcProviderSettings(String name, URI issuer, String clientId, String clientSecret) {

    public static final URI GOOGLE_ISSUER = URI.create("https://accounts.google.com");

    public OidcProviderSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(issuer, "issuer");
        if (!name.matches("[a-z][a-z0-9-]{0,31}")) {
            throw new IllegalArgumentException("provider name must be lower-case letters, digits and dashes");
        }
        ProviderUrls.requireHttpUrl(issuer, "issuer");
        if (issuer.getRawQuery() != null || issuer.getRawFragment() != null) {
            throw new IllegalArgumentException("issuer must not carry a query or fragment");
        }
        clientId = ProviderUrls.requireText(clientId, "clientId");
        clientSecret = ProviderUrls.requireText(clientSecret, "clientSecret");
    }

    /** Google as an OpenID Connect issuer, at {@code https://accounts.google.com} or a stand-in issuer. */
    public static OidcProviderSettings google(URI issuer, String clientId, String clientSecret) {
        return new OidcProviderSettings("google", issuer, clientId, clientSecret);
    }

    /** A generic OpenID Connect issuer (Keycloak, Authentik, GitLab, ...). */
    public static OidcProviderSettings oidc(URI issuer, String clientId, String clientSecret) {
        return new OidcProviderSettings("oidc", issuer, clientId, clientSecret);
    }

    @Override
    public String toString() {
        return "OidcProviderSettings[name=" + name + ", issuer=" + issuer + ", clientId=" + clientId
                + ", clientSecret=***]";
    }
}
