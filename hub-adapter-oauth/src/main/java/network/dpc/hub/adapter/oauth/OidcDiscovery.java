package network.dpc.hub.adapter.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.scribejava.core.exceptions.OAuthException;
import com.github.scribejava.core.httpclient.HttpClient;
import com.github.scribejava.core.model.Response;
import com.github.scribejava.core.model.Verb;
import com.nimbusds.jose.JWSAlgorithm;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import network.dpc.hub.domain.shared.DomainException;

/**
 * Reads an issuer's {@code /.well-known/openid-configuration} (OpenID Connect Discovery 1.0) and checks it: the
 * document must name the configured issuer, absolute endpoints (https when the issuer is https) and at least one
 * asymmetric ID token algorithm. Anything else is a {@code provider_error}.
 */
final class OidcDiscovery {

    static final String WELL_KNOWN_PATH = "/.well-known/openid-configuration";

    private final String provider;
    private final URI issuer;
    private final HttpClient httpClient;

    OidcDiscovery(String provider, URI issuer, HttpClient httpClient) {
        this.provider = provider;
        this.issuer = issuer;
        this.httpClient = httpClient;
    }

    OidcMetadata fetch() {
        String url = ProviderUrls.join(issuer, WELL_KNOWN_PATH);
        String body;
        try (Response response = httpClient.execute(CodeFlow.USER_AGENT, Map.of("Accept", "application/json"),
                Verb.GET, url, (byte[]) null)) {
            if (response.getCode() != 200) {
                throw ProviderFailures.unavailable(provider,
                        "discovery document answered HTTP " + response.getCode(), null);
            }
            body = response.getBody();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProviderFailures.unavailable(provider, "interrupted while reading the discovery document", e);
        } catch (IOException | ExecutionException | OAuthException e) {
            throw ProviderFailures.unavailable(provider, "discovery document unreachable", e);
        }
        JsonNode document = ProviderJson.object(body)
                .orElseThrow(() -> invalid("discovery document is not a JSON object"));
        return parse(document);
    }

    private OidcMetadata parse(JsonNode document) {
        String declaredIssuer = ProviderJson.text(document, "issuer")
                .orElseThrow(() -> invalid("discovery document names no issuer"));
        if (!withoutTrailingSlash(declaredIssuer).equals(withoutTrailingSlash(issuer.toString()))) {
            throw invalid("discovery document names another issuer");
        }
        return new OidcMetadata(declaredIssuer,
                endpoint(document, "authorization_endpoint"),
                endpoint(document, "token_endpoint"),
                endpoint(document, "jwks_uri"),
                signingAlgorithms(document),
                clientSecretPost(document));
    }

    private URI endpoint(JsonNode document, String member) {
        String text = ProviderJson.text(document, member)
                .orElseThrow(() -> invalid("discovery document lacks " + member));
        URI uri;
        try {
            uri = new URI(text);
            ProviderUrls.requireHttpUrl(uri, member);
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw invalid("discovery document has an unusable " + member);
        }
        if ("https".equalsIgnoreCase(issuer.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw invalid("discovery document downgrades " + member + " to plain http");
        }
        return uri;
    }

    /** The advertised ID token algorithms that are asymmetric signatures; RS256 when none are advertised. */
    private Set<JWSAlgorithm> signingAlgorithms(JsonNode document) {
        JsonNode advertised = document.get("id_token_signing_alg_values_supported");
        if (advertised == null || !advertised.isArray()) {
            return Set.of(JWSAlgorithm.RS256);
        }
        Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
        for (JsonNode name : advertised) {
            if (name.isTextual()) {
                JWSAlgorithm algorithm = JWSAlgorithm.parse(name.asText());
                if (JWSAlgorithm.Family.SIGNATURE.contains(algorithm)) {
                    algorithms.add(algorithm);
                }
            }
        }
        if (algorithms.isEmpty()) {
            throw invalid("issuer advertises no asymmetric ID token signature algorithm");
        }
        return algorithms;
    }

    /** HTTP Basic unless the issuer lists only {@code client_secret_post} of the two (Basic is the default). */
    private boolean clientSecretPost(JsonNode document) {
        JsonNode methods = document.get("token_endpoint_auth_methods_supported");
        if (methods == null || !methods.isArray()) {
            return false;
        }
        Set<String> names = new LinkedHashSet<>();
        methods.forEach(method -> names.add(method.asText()));
        if (names.contains("client_secret_basic")) {
            return false;
        }
        if (names.contains("client_secret_post")) {
            return true;
        }
        throw invalid("issuer supports neither client_secret_basic nor client_secret_post");
    }

    private DomainException invalid(String what) {
        return ProviderFailures.unavailable(provider, what, null);
    }

    private static String withoutTrailingSlash(String text) {
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
