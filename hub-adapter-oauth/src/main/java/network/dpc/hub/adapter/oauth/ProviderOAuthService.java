package network.dpc.hub.adapter.oauth;

import com.github.scribejava.core.httpclient.HttpClient;
import com.github.scribejava.core.model.OAuth2AccessToken;
import com.github.scribejava.core.model.OAuthRequest;
import com.github.scribejava.core.model.Response;
import com.github.scribejava.core.oauth.AccessTokenRequestParams;
import com.github.scribejava.core.oauth.OAuth20Service;
import java.io.IOException;
import java.util.concurrent.ExecutionException;

/**
 * ScribeJava's OAuth 2.0 service asking token endpoints for JSON and sorting their answers through
 * {@link TokenResponses} before a token is extracted, so refusals and outages become distinct domain errors.
 */
final class ProviderOAuthService extends OAuth20Service {

    private final String providerName;

    ProviderOAuthService(String providerName, ProviderOAuthApi api, String apiKey, String apiSecret, String callback,
            String defaultScope, String responseType, String userAgent, HttpClient httpClient) {
        super(api, apiKey, apiSecret, callback, defaultScope, responseType, null, userAgent, null, httpClient);
        this.providerName = providerName;
    }

    @Override
    protected OAuthRequest createAccessTokenRequest(AccessTokenRequestParams params) {
        OAuthRequest request = super.createAccessTokenRequest(params);
        request.addHeader("Accept", "application/json");
        return request;
    }

    @Override
    protected OAuth2AccessToken sendAccessTokenRequestSync(OAuthRequest request)
            throws IOException, InterruptedException, ExecutionException {
        try (Response response = execute(request)) {
            TokenResponses.requireGranted(providerName, response);
            return getApi().getAccessTokenExtractor().extract(response);
        }
    }
}
