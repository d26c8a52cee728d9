package network.dpc.hub.adapter.oauth;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import network.dpc.hub.application.port.out.IdentityProvider;
import network.dpc.hub.domain.shared.DomainException;
import network.dpc.hub.domain.shared.ErrorKind;

/**
 * The sign-in providers of this hub, built from its settings ({@code GOOGLE_*}, {@code GITHUB_*}, {@code OIDC_*}):
 * the configured ones as {@link IdentityProvider}s, and for every supported but unconfigured one a sentence naming
 * the missing settings. Building does no network I/O; each OpenID Connect issuer is discovered on first use.
 */
public final class OAuthIdentityProviders {

    /** The provider names the hub supports, as they appear in {@code /login/{provider}}. */
    public static final List<String> SUPPORTED = List.of("google", "github", "oidc");

    private final Map<String, IdentityProvider> configured;
    private final Map<String, String> notConfigured;

    /**
     * A registry of ready providers plus, per supported provider that is not configured, the sentence to show.
     * A name may appear in only one of the two.
     */
    public OAuthIdentityProviders(Collection<? extends IdentityProvider> configured,
            Map<String, String> notConfigured) {
        Map<String, IdentityProvider> byName = new LinkedHashMap<>();
        for (IdentityProvider provider : configured) {
            if (byName.putIfAbsent(provider.name(), provider) != null) {
                throw new IllegalArgumentException("two providers are named " + provider.name());
            }
        }
        for (String name : notConfigured.keySet()) {
            if (byName.containsKey(name)) {
                throw new IllegalArgumentException(name + " is both configured and not configured");
            }
        }
        this.configured = Collections.unmodifiableMap(byName);
        this.notConfigured = Collections.unmodifiableMap(new LinkedHashMap<>(notConfigured));
    }

    /** The providers the settings configure, with the default timeouts and response size limit. */
    public static OAuthIdentityProviders fromSettings(Map<String, String> settings, Clock clock) {
        return fromSettings(settings, clock, ProviderHttpSettings.defaults());
    }

    /**
     * The providers the settings configure. Unset or blank values count as missing; values that are set but unusable
     * (an issuer that is no http(s) URL, say) are refused with an {@link IllegalArgumentException} listing them all.
     */
    public static OAuthIdentityProviders fromSettings(Map<String, String> settings, Clock clock,
            ProviderHttpSettings http) {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(http, "http");
        Assembly assembly = new Assembly(settings);
        if (!assembly.problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", assembly.problems));
        }
        List<IdentityProvider> providers = new ArrayList<>();
        assembly.google.forEach(s -> providers.add(new ScribeJavaOidcIdentityProvider(s, clock, http)));
        assembly.github.forEach(s -> providers.add(new ScribeJavaGitHubIdentityProvider(s, http)));
        assembly.oidc.forEach(s -> providers.add(new ScribeJavaOidcIdentityProvider(s, clock, http)));
        return new OAuthIdentityProviders(providers, assembly.missing);
    }

    /** Every problem with the OAuth settings that are set, one sentence each, for a start-up error report. */
    public static List<String> problems(Map<String, String> settings) {
        return List.copyOf(new Assembly(settings).problems);
    }

    /** What is known about {@code name}. */
    public ProviderLookup lookup(String name) {
        IdentityProvider provider = configured.get(name);
        if (provider != null) {
            return new ProviderLookup.Found(provider);
        }
        String reason = notConfigured.get(name);
        return reason != null ? new ProviderLookup.NotConfigured(name, reason) : new ProviderLookup.Unknown(name);
    }

    /**
     * The configured provider, or {@code NOT_FOUND/unknown_provider}, or
     * {@code UNAVAILABLE/provider_not_configured} with the sentence naming the missing settings.
     */
    public IdentityProvider require(String name) {
        return switch (lookup(name)) {
            case ProviderLookup.Found found -> found.provider();
            case ProviderLookup.NotConfigured missing ->
                    throw new DomainException(ErrorKind.UNAVAILABLE, "provider_not_configured", missing.reason());
            case ProviderLookup.Unknown unknown ->
                    throw new DomainException(ErrorKind.NOT_FOUND, "unknown_provider", "No such sign-in provider.");
        };
    }

    /** The configured providers by name. */
    public Map<String, IdentityProvider> configured() {
        return configured;
    }

    /** Per supported but unconfigured provider, the sentence naming its missing settings. */
    public Map<String, String> notConfigured() {
        return notConfigured;
    }

    /** Reads the settings once: provider settings where complete, missing-settings sentences, and problems. */
    private static final class Assembly {

        private final Map<String, String> settings;
        private final List<String> problems = new ArrayList<>();
        private final Map<String, String> missing = new LinkedHashMap<>();
        private final List<OidcProviderSettings> google = new ArrayList<>();
        private final List<GitHubProviderSettings> github = new ArrayList<>();
        private final List<OidcProviderSettings> oidc = new ArrayList<>();

        Assembly(Map<String, String> settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            readGoogle();
            readGitHub();
            readOidc();
        }

        private void readGoogle() {
            URI issuer = url("GOOGLE_ISSUER", OidcProviderSettings.GOOGLE_ISSUER);
            if (requireSet("google", "GOOGLE_CLIENT_ID", "GOOGLE_CLIENT_SECRET") && issuer != null) {
                build(() -> OidcProviderSettings.google(issuer, value("GOOGLE_CLIENT_ID"),
                        value("GOOGLE_CLIENT_SECRET")), "GOOGLE_ISSUER", google::add);
            }
        }

        private void readGitHub() {
            URI baseUrl = url("GITHUB_BASE_URL", GitHubProviderSettings.DEFAULT_BASE_URL);
            URI apiUrl = url("GITHUB_API_URL", GitHubProviderSettings.DEFAULT_API_URL);
            if (requireSet("github", "GITHUB_CLIENT_ID", "GITHUB_CLIENT_SECRET") && baseUrl != null
                    && apiUrl != null) {
                build(() -> new GitHubProviderSettings(value("GITHUB_CLIENT_ID"), value("GITHUB_CLIENT_SECRET"),
                        baseUrl, apiUrl), "GITHUB_BASE_URL or GITHUB_API_URL", github::add);
            }
        }

        private void readOidc() {
            URI issuer = url("OIDC_ISSUER", null);
            if (requireSet("oidc", "OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET") && issuer != null) {
                build(() -> OidcProviderSettings.oidc(issuer, value("OIDC_CLIENT_ID"), value("OIDC_CLIENT_SECRET")),
                        "OIDC_ISSUER", oidc::add);
            }
        }

        /** Whether all keys are set; if not, records the sentence naming the missing ones. */
        private boolean requireSet(String provider, String... keys) {
            List<String> unset = new ArrayList<>();
            for (String key : keys) {
                if (value(key) == null) {
                    unset.add(key);
                }
            }
            if (unset.isEmpty()) {
                return true;
            }
            missing.put(provider, "Sign-in with " + provider + " is not configured: " + enumerate(unset)
                    + (unset.size() == 1 ? " is" : " are") + " not set.");
            return false;
        }

        private <T> void build(Supplier<T> settingsFactory, String keys,
                Consumer<T> sink) {
            try {
                sink.accept(settingsFactory.get());
            } catch (IllegalArgumentException e) {
                problems.add(keys + ": " + e.getMessage());
            }
        }

        /** The URL under {@code key}, the default when unset, or null (and a problem) when unusable. */
        private URI url(String key, URI defaultValue) {
            String text = value(key);
            if (text == null) {
                return defaultValue;
            }
            try {
                URI uri = new URI(text);
                ProviderUrls.requireHttpUrl(uri, key);
                return uri;
            } catch (URISyntaxException | IllegalArgumentException e) {
                problems.add(key + " must be an absolute http(s) URL");
                return null;
            }
        }

        private String value(String key) {
            String value = settings.get(key);
            return value == null || value.isBlank() ? null : value.strip();
        }

        private static String enumerate(List<String> keys) {
            if (keys.size() == 1) {
                return keys.getFirst();
            }
            return String.join(", ", keys.subList(0, keys.size() - 1)) + " and " + keys.getLast();
        }
    }
}
