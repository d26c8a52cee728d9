package network.dpc.hub.adapter.oauth;

import com.github.scribejava.apis.openid.OpenIdJsonTokenExtractor;
import com.github.scribejava.apis.openid.OpenIdOAuth2AccessToken;
import com.github.scribejava.core.httpclient.HttpClient;
import com.github.scribejava.core.model.OAuth2AccessToken;
import com.github.scribejava.core.oauth.OAuth20Service;
import com.github.scribejava.core.oauth2.clientauthentication.HttpBasicAuthenticationScheme;
import com.github.scribejava.core.oauth2.clientauthentication.RequestBodyAuthenticationScheme;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import network.dpc.hub.application.port.out.IdentityProvider;

/**
 * Signs people in at an OpenID Connect issuer (Google, or any generic issuer) with ScribeJava: authorization code
 * with PKCE S256 and a nonce, endpoints from the issuer's discovery document (fetched on first use and cached, so
 * the hub starts while the issuer is down), and an ID token verified with nimbus-jose-jwt that must carry a
 * verified e-mail address.
 */
public final class ScribeJavaOidcIdentityProvider implements IdentityProvider {

    static final String SCOPE = "openid email profile";
    private static final Duration JWKS_CACHE_TIME_TO_LIVE = Duration.ofMinutes(10);
    private static final String GOOGLE_ISSUER = OidcProviderSettings.GOOGLE_ISSUER.toString();

    private final OidcProviderSettings settings;
    private final ProviderHttpSettings http;
    private final Clock clock;
    private final HttpClient httpClient;
    private final OidcDiscovery discovery;
    private final ReentrantLock discoveryLock = new ReentrantLock();
    private volatile Issuer issuer;

    /** An issuer reached with the default timeouts and size limit. */
    public ScribeJavaOidcIdentityProvider(OidcProviderSettings settings, Clock clock) {
        this(settings, clock, ProviderHttpSettings.defaults());
    }

    public ScribeJavaOidcIdentityProvider(OidcProviderSettings settings, Clock clock, ProviderHttpSettings http) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.http = Objects.requireNonNull(http, "http");
        this.httpClient = new BoundedJdkHttpClient(http);
        this.discovery = new OidcDiscovery(settings.name(), settings.issuer(), httpClient);
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public URI authorizationUrl(AuthorizationRequest request) {
        Objects.requireNonNull(request, "request");
        CodeFlow.requireText(request.nonce(), "nonce");
        OAuth20Service service = service(issuer(), request.callbackUri());
        return CodeFlow.authorizationUrl(service, SCOPE, request.state(), request.codeVerifier(),
                Map.of("nonce", request.nonce()));
    }

    @Override
    public VerifiedIdentity complete(AuthorizationCallback callback) {
        Objects.requireNonNull(callback, "callback");
        CodeFlow.requireText(callback.nonce(), "nonce");
        Issuer discovered = issuer();
        OAuth2AccessToken token = CodeFlow.exchange(name(), service(discovered, callback.callbackUri()),
                callback.code(), callback.codeVerifier());
        if (!(token instanceof OpenIdOAuth2AccessToken openId) || openId.getOpenIdToken() == null
                || openId.getOpenIdToken().isBlank()) {
            throw ProviderFailures.unavailable(name(), "token response carries no id_token", null);
        }
        return identity(discovered.verifier().verify(openId.getOpenIdToken(), callback.nonce()));
    }

    private VerifiedIdentity identity(JWTClaimsSet claims) {
        Object email = claims.getClaim("email");
        if (!(email instanceof String address) || address.isBlank()) {
            throw ProviderFailures.emailNotVerified(name(),
                    "Your " + name() + " account did not share an e-mail address with the hub.");
        }
        Object verified = claims.getClaim("email_verified");
        if (!Boolean.TRUE.equals(verified) && !"true".equals(verified)) {
            throw ProviderFailures.emailNotVerified(name(),
                    "The e-mail address of your " + name() + " account is not verified.");
        }
        return new VerifiedIdentity(address.strip(), name(), claims.getSubject());
    }

    private OAuth20Service service(Issuer discovered, URI callbackUri) {
        Objects.requireNonNull(callbackUri, "callbackUri");
        return CodeFlow.service(discovered.api(), settings.clientId(), settings.clientSecret(), callbackUri,
                httpClient);
    }

    /** The discovered issuer; the first caller fetches the document, a failure is not cached. */
    private Issuer issuer() {
        Issuer known = issuer;
        if (known != null) {
            return known;
        }
        discoveryLock.lock();
        try {
            if (issuer == null) {
                issuer = discover();
            }
            return issuer;
        } finally {
            discoveryLock.unlock();
        }
    }

    private Issuer discover() {
        OidcMetadata metadata = discovery.fetch();
        ProviderOAuthApi api = new ProviderOAuthApi(name(), metadata.authorizationEndpoint().toString(),
                metadata.tokenEndpoint().toString(),
                metadata.clientSecretPost() ? RequestBodyAuthenticationScheme.instance()
                        : HttpBasicAuthenticationScheme.instance(),
                OpenIdJsonTokenExtractor.instance());
        IdTokenVerifier verifier = new IdTokenVerifier(name(), metadata, acceptedIssuers(metadata),
                settings.clientId(), keys(metadata), clock);
        return new Issuer(api, verifier);
    }

    /** The discovered issuer; Google also signs some ID tokens with the scheme-less {@code accounts.google.com}. */
    private static Set<String> acceptedIssuers(OidcMetadata metadata) {
        Set<String> issuers = new HashSet<>();
        issuers.add(metadata.issuer());
        if (GOOGLE_ISSUER.equals(metadata.issuer())) {
            issuers.add("accounts.google.com");
        }
        return issuers;
    }

    /** The issuer's keys, cached, refreshed at most every 30 s on an unknown key id, kept through short outages. */
    private JWKSource<SecurityContext> keys(OidcMetadata metadata) {
        try {
            return JWKSourceBuilder.<SecurityContext>create(metadata.jwksUri().toURL(),
                            new DefaultResourceRetriever(http.connectTimeoutMillis(), http.readTimeoutMillis(),
                                    http.maxResponseBytes()))
                    .cache(JWKS_CACHE_TIME_TO_LIVE.toMillis(), http.readTimeout().toMillis())
                    .refreshAheadCache(false)
                    .outageTolerant(true)
                    .build();
        } catch (MalformedURLException e) {
            throw ProviderFailures.unavailable(name(), "discovery document has an unusable jwks_uri", e);
        }
    }

    /** What discovery yields: the ScribeJava API with the issuer's endpoints and the ID token verifier. */
    private record Issuer(ProviderOAuthApi api, IdTokenVerifier verifier) {
    }
}
