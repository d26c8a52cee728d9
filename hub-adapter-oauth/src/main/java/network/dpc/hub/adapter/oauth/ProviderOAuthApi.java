package network.dpc.hub.adapter.oauth;

import com.github.scribejava.core.builder.api.DefaultApi20;
import com.github.scribejava.core.extractors.TokenExtractor;
import com.github.scribejava.core.httpclient.HttpClient;
import com.github.scribejava.core.httpclient.HttpClientConfig;
import com.github.scribejava.core.model.OAuth2AccessToken;
import com.github.scribejava.core.oauth.OAuth20Service;
import com.github.scribejava.core.oauth2.clientauthentication.ClientAuthentication;
import java.io.OutputStream;
import java.util.Objects;

/**
 * A ScribeJava API description whose endpoints come from settings or a discovery document instead of constants,
 * so that a local stand-in can replace Google, GitHub or any issuer.
 */
final class ProviderOAuthApi extends DefaultApi20 {

    private final String providerName;
    private final String authorizationEndpoint;
    private final String tokenEndpoint;
    private final ClientAuthentication clientAuthentication;
    private final TokenExtractor<OAuth2AccessToken> tokenExtractor;

    ProviderOAuthApi(String providerName, String authorizationEndpoint, String tokenEndpoint,
            ClientAuthentication clientAuthentication, TokenExtractor<OAuth2AccessToken> tokenExtractor) {
        this.providerName = Objects.requireNonNull(providerName, "providerName");
        this.authorizationEndpoint = Objects.requireNonNull(authorizationEndpoint, "authorizationEndpoint");
        this.tokenEndpoint = Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
        this.clientAuthentication = Objects.requireNonNull(clientAuthentication, "clientAuthentication");
        this.tokenExtractor = Objects.requireNonNull(tokenExtractor, "tokenExtractor");
    }

    @Override
    public String getAccessTokenEndpoint() {
        return tokenEndpoint;
    }

    @Override
    protected String getAuthorizationBaseUrl() {
        return authorizationEndpoint;
    }

    @Override
    public ClientAuthentication getClientAuthentication() {
        return clientAuthentication;
    }

    @Override
    public TokenExtractor<OAuth2AccessToken> getAccessTokenExtractor() {
        return tokenExtractor;
    }

    @Override
    public OAuth20Service createService(String apiKey, String apiSecret, String callback, String defaultScope,
            String responseType, OutputStream debugStream, String userAgent, HttpClientConfig httpClientConfig,
            HttpClient httpClient) {
        return new ProviderOAuthService(providerName, this, apiKey, apiSecret, callback, defaultScope, responseType,
                userAgent, httpClient);
    }
}
