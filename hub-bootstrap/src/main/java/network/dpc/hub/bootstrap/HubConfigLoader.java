package network.dpc.hub.bootstrap;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import network.dpc.hub.adapter.oauth.OAuthIdentityProviders;
import network.dpc.hub.adapter.oauth.jwt.NimbusTokenCodec;
import network.dpc.hub.adapter.persistence.DatabaseUrl;

/** Reads and validates the settings of contract §9, collecting every problem before failing. */
public final class HubConfigLoader {

    static final int MIN_SECRET_BYTES = 32;
    private static final Set<String> ALGORITHMS = Set.of("HS256", "HS384", "HS512");
    private static final Set<String> LOG_FORMATS = Set.of("text", "json");

    private final Map<String, String> values;
    private final List<String> problems = new ArrayList<>();

    private HubConfigLoader(Map<String, String> values) {
        this.values = values;
    }

    /** Loads from the process environment over {@code .env} in the working directory. */
    public static HubConfig fromEnvironment() {
        return load(DotEnv.merged(DotEnv.read(Path.of(".env")), System.getenv()));
    }

    /**
     * Validates the given variables.
     *
     * @throws ConfigException listing every problem found
     */
    public static HubConfig load(Map<String, String> variables) {
        return new HubConfigLoader(variables).build();
    }

    private HubConfig build() {
        Optional<DatabaseUrl> databaseUrl = text("DATABASE_URL").flatMap(v -> parse("DATABASE_URL", v,
                DatabaseUrl::parse));
        Optional<String> secretKey = text("SECRET_KEY");
        secretKey.filter(k -> k.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES).ifPresent(k ->
                problems.add("SECRET_KEY must be at least " + MIN_SECRET_BYTES + " bytes long (it has "
                        + k.getBytes(StandardCharsets.UTF_8).length + ")"));
        if (text("DATABASE_URL").isPresent() && secretKey.isEmpty()) {
            problems.add("SECRET_KEY is required when DATABASE_URL is set (generate one with: openssl rand -base64 48)");
        }
        String algorithm = text("ALGORITHM").map(a -> a.toUpperCase(Locale.ROOT)).orElse("HS256");
        if (!ALGORITHMS.contains(algorithm)) {
            problems.add("ALGORITHM must be one of HS256, HS384, HS512 (got " + quote("ALGORITHM") + ")");
        }
        int needed = NimbusTokenCodec.minimumSecretBytes(algorithm);
        secretKey.filter(k -> k.getBytes(StandardCharsets.UTF_8).length >= MIN_SECRET_BYTES
                && k.getBytes(StandardCharsets.UTF_8).length < needed).ifPresent(k ->
                problems.add("SECRET_KEY must be at least " + needed + " bytes long for " + algorithm));
        int accessMinutes = integer("ACCESS_TOKEN_EXPIRE_MINUTES", 30, 2, 24 * 60);
        int refreshDays = integer("REFRESH_TOKEN_EXPIRE_DAYS", 30, 1, 365);

        Map<String, String> oauthSettings = new TreeMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith("GOOGLE_") || key.startsWith("GITHUB_") || key.startsWith("OIDC_")) {
                oauthSettings.put(key, value);
            }
        });
        problems.addAll(OAuthIdentityProviders.problems(oauthSettings));

        String host = text("HOST").orElse("0.0.0.0");
        int port = integer("PORT", 8000, 0, 65535);
        Optional<URI> publicUrl = text("PUBLIC_URL").map(v -> uri("PUBLIC_URL", v, HubConfigLoader::isHttpUrl));
        URI clientRedirectUrl = uri("CLIENT_REDIRECT_URL", text("CLIENT_REDIRECT_URL").orElse("http://127.0.0.1:8080/callback"),
                HubConfigLoader::isHttpUrl);
        List<URI> allowlist = list("CLIENT_REDIRECT_ALLOWLIST").stream()
                .map(v -> uri("CLIENT_REDIRECT_ALLOWLIST", v, HubConfigLoader::isAbsoluteUrl)).toList();
        boolean rateLimitEnabled = bool("RATE_LIMIT_ENABLED", true);
        List<String> origins = list("ALLOWED_ORIGINS");
        origins.stream().filter(o -> !isOrigin(o)).forEach(o -> problems.add(
                "ALLOWED_ORIGINS entries must be exact origins like https://app.example.org or tauri://localhost "
                        + "(got \"" + o + "\")"));
        List<String> proxies = list("TRUSTED_PROXIES");
        proxies.stream().filter(p -> !isAddressOrCidr(p)).forEach(p -> problems.add(
                "TRUSTED_PROXIES entries must be IP addresses or CIDR ranges (got \"" + p + "\")"));
        String nodeProof = text("NODE_PROOF").map(v -> v.toLowerCase(Locale.ROOT)).orElse("optional");
        if (!nodeProof.equals("optional") && !nodeProof.equals("required")) {
            problems.add("NODE_PROOF must be optional or required (got " + quote("NODE_PROOF") + ")");
        }
        int maxNodes = integer("MAX_NODES_PER_USER", 5, 1, 100);
        int wsMaxConnections = integer("WS_MAX_CONNECTIONS", 10_000, 1, 1_000_000);
        Optional<String> turnSecret = text("TURN_SECRET");
        List<String> turnUris = list("TURN_URIS");
        turnUris.stream().filter(u -> !u.matches("(?i)turns?:[^\\s]+|stuns?:[^\\s]+")).forEach(u -> problems.add(
                "TURN_URIS entries must be turn:, turns:, stun: or stuns: URIs (got \"" + u + "\")"));
        int turnTtl = integer("TURN_TTL", 86_400, 60, 7 * 86_400);
        List<String> metricsAllowed = text("METRICS_ALLOWED_IPS").isPresent() ? list("METRICS_ALLOWED_IPS")
                : List.of("127.0.0.0/8", "::1");
        metricsAllowed.stream().filter(p -> !isAddressOrCidr(p)).forEach(p -> problems.add(
                "METRICS_ALLOWED_IPS entries must be IP addresses or CIDR ranges (got \"" + p + "\")"));
        String logFormat = text("LOG_FORMAT").map(v -> v.toLowerCase(Locale.ROOT)).orElse("text");
        if (!LOG_FORMATS.contains(logFormat)) {
            problems.add("LOG_FORMAT must be text or json (got " + quote("LOG_FORMAT") + ")");
        }
        Path dataDir = text("DATA_DIR").flatMap(d -> parse("DATA_DIR", d, Path::of)).orElse(Path.of(".hub-data"));

        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new HubConfig(databaseUrl, secretKey, algorithm, Duration.ofMinutes(accessMinutes),
                Duration.ofDays(refreshDays), oauthSettings, host, port, publicUrl, clientRedirectUrl,
                allowlist, rateLimitEnabled, origins, proxies, nodeProof.equals("required"), maxNodes, wsMaxConnections,
                turnSecret, turnUris, Duration.ofSeconds(turnTtl), dataDir, metricsAllowed);
    }

    private Optional<String> text(String name) {
        return Optional.ofNullable(values.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private String quote(String name) {
        return "\"" + text(name).orElse("") + "\"";
    }

    private <T> Optional<T> parse(String name, String value, Function<String, T> parser) {
        try {
            return Optional.of(parser.apply(value));
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            problems.add(message.startsWith(name) ? message : name + ": " + message);
            return Optional.empty();
        }
    }

    private int integer(String name, int defaultValue, int min, int max) {
        Optional<String> raw = text(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value < min || value > max) {
                problems.add(name + " must be between " + min + " and " + max + " (got " + value + ")");
                return defaultValue;
            }
            return value;
        } catch (NumberFormatException e) {
            problems.add(name + " must be a whole number (got " + quote(name) + ")");
            return defaultValue;
        }
    }

    private boolean bool(String name, boolean defaultValue) {
        Optional<String> raw = text(name).map(v -> v.toLowerCase(Locale.ROOT));
        if (raw.isEmpty()) {
            return defaultValue;
        }
        return switch (raw.get()) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> {
                problems.add(name + " must be true or false (got " + quote(name) + ")");
                yield defaultValue;
            }
        };
    }

    private URI uri(String name, String value, Predicate<URI> valid) {
        try {
            URI uri = new URI(value.strip());
            if (valid.test(uri)) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        problems.add(name + " must be an absolute http(s) URL (got \"" + value + "\")");
        return URI.create("http://invalid.invalid/");
    }

    private List<String> list(String name) {
        return text(name).map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .toList()).orElse(List.of());
    }

    private static boolean isHttpUrl(URI uri) {
        return uri.isAbsolute() && uri.getHost() != null
                && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
    }

    private static boolean isAbsoluteUrl(URI uri) {
        return uri.isAbsolute() && uri.getScheme() != null && (uri.getHost() != null || !uri.isOpaque());
    }

    private static boolean isOrigin(String origin) {
        return origin.matches("(?i)(https?://[^/\\s]+|tauri://[^/\\s]+)");
    }

    private static boolean isAddressOrCidr(String value) {
        return value.matches("[0-9.]+(/\\d{1,2})?") || value.matches("[0-9a-fA-F:]+(/\\d{1,3})?");
    }
}
