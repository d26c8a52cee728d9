package network.dpc.hub.adapter.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.scribejava.core.model.Response;
import java.io.IOException;
import java.util.Set;

/**
 * Sorts a token endpoint's answer before a token is extracted from it: a refused code becomes
 * {@code oauth_exchange_failed}; server errors, odd statuses, non-JSON bodies and refusals of the hub's own client
 * credentials become {@code provider_error}. GitHub's habit of refusing with HTTP 200 and an {@code error} member is
 * covered too.
 */
final class TokenResponses {

    /** OAuth errors that blame the hub's configuration rather than the code the person brought back. */
    private static final Set<String> CLIENT_CONFIGURATION_ERRORS = Set.of(
            "invalid_client", "unauthorized_client", "incorrect_client_credentials", "redirect_uri_mismatch",
            "unsupported_grant_type");

    private TokenResponses() {
    }

    static void requireGranted(String provider, Response response) throws IOException {
        int status = response.getCode();
        if (status >= 500 || status < 200 || (status >= 300 && status < 400)) {
            throw ProviderFailures.unavailable(provider, "token endpoint answered HTTP " + status, null);
        }
        JsonNode json = ProviderJson.object(response.getBody()).orElseThrow(() -> ProviderFailures.unavailable(
                provider, "token endpoint answered HTTP " + status + " without a JSON object", null));
        var error = ProviderJson.text(json, "error");
        if (error.isPresent()) {
            if (CLIENT_CONFIGURATION_ERRORS.contains(error.get())) {
                throw ProviderFailures.unavailable(provider,
                        "token endpoint refused the hub's client configuration: " + error.get(), null);
            }
            throw ProviderFailures.exchangeRefused(provider, error.get());
        }
        if (status != 200 || ProviderJson.text(json, "access_token").isEmpty()) {
            throw ProviderFailures.unavailable(provider,
                    "token endpoint answered HTTP " + status + " without an access token", null);
        }
    }
}
