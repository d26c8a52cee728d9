package network.dpc.hub.bootstrap;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import network.dpc.hub.adapter.persistence.DatabaseUrl;

/**
 * The hub's validated settings (contract §9). The sign-in providers' variables ({@code GOOGLE_*}, {@code GITHUB_*},
 * {@code OIDC_*}) are kept as given in {@code oauthSettings}, already validated by the OAuth adapter's own reader. Built by {@link HubConfigLoader} from the environment and an optional
 * {@code .env} file; every value here has passed validation.
 */
public record HubConfig(
        Optional<DatabaseUrl> databaseUrl,
        Optional<String> secretKey,
        String algorithm,
        Duration accessTokenLifetime,
        Duration refreshTokenLifetime,
        Map<String, String> oauthSettings,
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
        int wsMaxConnections,
        Optional<String> turnSecret,
        List<String> turnUris,
        Duration turnTtl,
        Path dataDir,
        List<String> metricsAllowedIps) {

    public HubConfig {
        oauthSettings = Map.copyOf(oauthSettings);
        clientRedirectAllowlist = List.copyOf(clientRedirectAllowlist);
        allowedOrigins = List.copyOf(allowedOrigins);
        trustedProxies = List.copyOf(trustedProxies);
        turnUris = List.copyOf(turnUris);
        metricsAllowedIps = List.copyOf(metricsAllowedIps);
    }

    /** Whether {@code GET /turn-credentials} can issue credentials ({@code TURN_SECRET} and {@code TURN_URIS} set). */
    public boolean turnConfigured() {
        return turnSecret.isPresent() && !turnUris.isEmpty();
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
}
