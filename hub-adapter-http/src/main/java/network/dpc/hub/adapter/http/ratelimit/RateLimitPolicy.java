package network.dpc.hub.adapter.http.ratelimit;

import java.time.Duration;
import java.util.Optional;

/** Which limit of contract §7 applies to a request; health and metrics probes are never limited. */
public final class RateLimitPolicy {

    static final RateLimitRule GENERAL = rule("general", 60);
    static final RateLimitRule LOGIN = rule("login", 5);
    static final RateLimitRule PROFILE_UPDATE = rule("profile_update", 20);
    static final RateLimitRule NODE_REGISTRATION = rule("node_registration", 10);
    static final RateLimitRule SEARCH = rule("search", 30);
    static final RateLimitRule LOGOUT = rule("logout", 5);
    static final RateLimitRule TOKENS = rule("tokens", 10);

    private RateLimitPolicy() {
    }

    /** The rule for {@code method path}, or empty for the unlimited probes and CORS preflights. */
    public static Optional<RateLimitRule> ruleFor(String method, String path) {
        if (method.equals("OPTIONS") || path.equals("/") || path.equals("/health") || path.startsWith("/health/")
                || path.equals("/metrics")) {
            return Optional.empty();
        }
        if (path.startsWith("/login/")) {
            return Optional.of(LOGIN);
        }
        if (path.equals("/profile") && method.equals("PUT")) {
            return Optional.of(PROFILE_UPDATE);
        }
        if (path.equals("/register-node-id") && method.equals("POST")) {
            return Optional.of(NODE_REGISTRATION);
        }
        if (path.equals("/discovery/search")) {
            return Optional.of(SEARCH);
        }
        if (path.equals("/logout")) {
            return Optional.of(LOGOUT);
        }
        if (path.equals("/refresh") || path.equals("/token")) {
            return Optional.of(TOKENS);
        }
        return Optional.of(GENERAL);
    }

    /**
     * Whether {@code rule} must hold across hub instances (a client spreading its attempts over instances must not
     * multiply its allowance): sign-in and node registration.
     */
    public static boolean isShared(RateLimitRule rule) {
        return rule.equals(LOGIN) || rule.equals(NODE_REGISTRATION);
    }

    private static RateLimitRule rule(String name, int perMinute) {
        return new RateLimitRule(name, perMinute, Duration.ofMinutes(1));
    }
}
