package network.dpc.hub.bootstrap;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import network.dpc.hub.adapter.persistence.DatabaseUrl;

/**
 * The hub's validated settings (contract §9). Built by {@link HubConfigLoader} from the environment and an optional
 * {@code .env} file; every value here has passed validation.
 */
public record HubConfig(
        Optional<DatabaseUrl> databaseUrl,
        Optional<String> secretKey,
        String algorithm,
        Duration accessTokenLifetime,
        Duration refreshTokenLifetime,
        OidcClient google,
        Optional<OidcClient> oidc,
        GitHubClient github,
        String host,
        int port,
        Optional<URI> publicUrl,
        URI clientRedirectUrl,
        List<URI> clientRedirectAllowlist,
        boolean rateLimitEnabled,
        List<String> allowedOrigins,
        List<String> trustedProxies,
        boolean nodeProofRequired,
        int maxNodesPerUser,
        Optional<String> turnSecret,
        List<String> turnUris,
        Duration turnTtl,
        Path dataDir) {

    public HubConfig {
        clientRedirectAllowlist = List.copyOf(clientRedirectAllowlist);
        allowedOrigins = List.copyOf(allowedOrigins);
        trustedProxies = List.copyOf(trustedProxies);
        turnUris = List.copyOf(turnUris);
    }

    /** Whether the hub runs its own embedded PostgreSQL (no {@code DATABASE_URL} given). */
    public boolean embeddedDatabase() {
        return databaseUrl.isEmpty();
    }

    /**
     * The URL clients and OAuth providers reach this hub at: {@code PUBLIC_URL}, else {@code http://<HOST>:<port>}
     * (with {@code localhost} for a wildcard host).
     */
    public URI publicUrlFor(int boundPort) {
        String publicHost = host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
        return publicUrl.orElseGet(() -> URI.create("http://" + publicHost + ":" + boundPort));
    }

    /** The same settings with a secret key filled in (generated and kept in the data directory). */
    public HubConfig withSecretKey(String key) {
        return new HubConfig(databaseUrl, Optional.of(key), algorithm, accessTokenLifetime, refreshTokenLifetime,
                google, oidc, github, host, port, publicUrl, clientRedirectUrl, clientRedirectAllowlist,
                rateLimitEnabled, allowedOrigins, trustedProxies, nodeProofRequired, maxNodesPerUser, turnSecret,
                turnUris, turnTtl, dataDir);
    }

    /**
     * An OpenID Connect client registration; Google is one with the issuer {@code https://accounts.google.com}.
     *
     * @param clientId empty when the provider is not configured
     */
    public record OidcClient(URI issuer, Optional<String> clientId, Optional<String> clientSecret) {
    }

    /** The GitHub OAuth app and the GitHub endpoints (changeable for GitHub Enterprise and tests). */
    public record GitHubClient(Optional<String> clientId, Optional<String> clientSecret, URI baseUrl, URI apiUrl) {
    }
}
