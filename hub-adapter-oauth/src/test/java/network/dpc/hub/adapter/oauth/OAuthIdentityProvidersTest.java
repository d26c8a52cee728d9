package network.dpc.hub.adapter.oauth;

import static network.dpc.hub.adapter.oauth.Failures.assertFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import network.dpc.hub.domain.shared.ErrorKind;
import org.junit.jupiter.api.Test;

/** Building the providers from the hub's settings, and saying precisely which settings a provider still lacks. */
class OAuthIdentityProvidersTest {

    private final Clock clock = Clock.systemUTC();

    @Test
    void nothing_set_means_every_provider_says_what_it_lacks() {
        OAuthIdentityProviders providers = OAuthIdentityProviders.fromSettings(Map.of(), clock);

        assertThat(providers.configured()).isEmpty();
        assertThat(providers.notConfigured()).containsExactly(
                Map.entry("google", "Sign-in with google is not configured: GOOGLE_CLIENT_ID and "
                        + "GOOGLE_CLIENT_SECRET are not set."),
                Map.entry("github", "Sign-in with github is not configured: GITHUB_CLIENT_ID and "
                        + "GITHUB_CLIENT_SECRET are not set."),
                Map.entry("oidc", "Sign-in with oidc is not configured: OIDC_ISSUER, OIDC_CLIENT_ID and "
                        + "OIDC_CLIENT_SECRET are not set."));
    }

    @Test
    void a_half_configured_provider_names_only_the_missing_setting() {
        OAuthIdentityProviders providers = OAuthIdentityProviders.fromSettings(
                Map.of("GITHUB_CLIENT_ID", "id", "GITHUB_CLIENT_SECRET", "  ", "OIDC_ISSUER", "https://id.example"),
                clock);

        assertThat(providers.lookup("github")).isEqualTo(new ProviderLookup.NotConfigured("github",
                "Sign-in with github is not configured: GITHUB_CLIENT_SECRET is not set."));
        assertThat(providers.lookup("oidc")).isEqualTo(new ProviderLookup.NotConfigured("oidc",
                "Sign-in with oidc is not configured: OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are not set."));
    }

    @Test
    void configured_providers_are_built_without_touching_the_network() {
        OAuthIdentityProviders providers = OAuthIdentityProviders.fromSettings(Map.of(
                "GOOGLE_CLIENT_ID", "g-id", "GOOGLE_CLIENT_SECRET", "g-secret",
                "GITHUB_CLIENT_ID", "gh-id", "GITHUB_CLIENT_SECRET", "gh-secret",
                "OIDC_ISSUER", "http://127.0.0.1:1/realms/nowhere", "OIDC_CLIENT_ID", "o-id",
                "OIDC_CLIENT_SECRET", "o-secret"), clock);

        assertThat(providers.configured()).containsOnlyKeys("google", "github", "oidc");
        assertThat(providers.notConfigured()).isEmpty();
        assertThat(providers.require("google")).isInstanceOf(ScribeJavaOidcIdentityProvider.class);
        assertThat(providers.require("github")).isInstanceOf(ScribeJavaGitHubIdentityProvider.class);
        assertThat(providers.require("oidc").name()).isEqualTo("oidc");
    }

    @Test
    void require_answers_unknown_and_unconfigured_providers_with_domain_errors() {
        OAuthIdentityProviders providers = OAuthIdentityProviders.fromSettings(Map.of(), clock);

        assertThat(assertFails(() -> providers.require("google"), ErrorKind.UNAVAILABLE, "provider_not_configured")
                .getMessage()).contains("GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET are not set");
        assertFails(() -> providers.require("facebook"), ErrorKind.NOT_FOUND, "unknown_provider");
        assertThat(providers.lookup("facebook")).isEqualTo(new ProviderLookup.Unknown("facebook"));
    }

    @Test
    void unusable_urls_are_reported_together_and_stop_the_build() {
        Map<String, String> settings = Map.of(
                "GOOGLE_ISSUER", "accounts.google.com", "GOOGLE_CLIENT_ID", "id", "GOOGLE_CLIENT_SECRET", "s",
                "GITHUB_API_URL", "ftp://api.github.com",
                "OIDC_ISSUER", "https://id.example/?tenant=1", "OIDC_CLIENT_ID", "id", "OIDC_CLIENT_SECRET", "s");

        List<String> problems = OAuthIdentityProviders.problems(settings);

        assertThat(problems).hasSize(3).anySatisfy(p -> assertThat(p).startsWith("GOOGLE_ISSUER"))
                .anySatisfy(p -> assertThat(p).startsWith("GITHUB_API_URL"))
                .anySatisfy(p -> assertThat(p).startsWith("OIDC_ISSUER"));
        assertThatThrownBy(() -> OAuthIdentityProviders.fromSettings(settings, clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GOOGLE_ISSUER").hasMessageContaining("GITHUB_API_URL")
                .hasMessageContaining("OIDC_ISSUER");
    }

    @Test
    void settings_never_print_their_secrets() {
        OidcProviderSettings oidc = OidcProviderSettings.oidc(URI.create("https://id.example"), "id", "topsecret");
        GitHubProviderSettings github = GitHubProviderSettings.of("id", "topsecret");

        assertThat(oidc.toString()).doesNotContain("topsecret").contains("https://id.example");
        assertThat(github.toString()).doesNotContain("topsecret");
        assertThat(OidcProviderSettings.google(OidcProviderSettings.GOOGLE_ISSUER, "id", "s").name())
                .isEqualTo("google");
    }

    @Test
    void settings_refuse_what_cannot_work() {
        assertThatThrownBy(() -> OidcProviderSettings.oidc(URI.create("/relative"), "id", "s"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OidcProviderSettings.oidc(URI.create("https://u:p@id.example"), "id", "s"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GitHubProviderSettings.of("id", " "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProviderHttpSettings(Duration.ofSeconds(11),
                Duration.ofSeconds(1), 4096)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void two_providers_with_one_name_are_refused() {
        ScribeJavaGitHubIdentityProvider github = new ScribeJavaGitHubIdentityProvider(
                GitHubProviderSettings.of("id", "s"));

        assertThatThrownBy(() -> new OAuthIdentityProviders(List.of(github, github), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OAuthIdentityProviders(List.of(github), Map.of("github", "missing")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
