package network.dpc.hub.adapter.http.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import network.dpc.hub.adapter.http.BearerAuthentication;
import network.dpc.hub.adapter.http.HttpRoutes;
import network.dpc.hub.application.port.in.Caller;
import network.dpc.hub.application.port.out.RateWindowCounter;
import network.dpc.hub.domain.shared.DomainException;

/**
 * The rate limits of contract §7 as Bucket4j token buckets, one per (route group, authenticated user or client
 * IP), kept in a bounded Caffeine cache. The limits that must hold across hub instances (sign-in and node
 * registration) are counted in fixed windows by a shared counter when one is given, falling back to the local
 * bucket while it cannot answer. Registered first so it runs before every other route's handler.
 */
public final class RateLimiting implements HttpRoutes {

    private static final int MAX_TRACKED_SUBJECTS = 200_000;

    private final BearerAuthentication bearer;
    private final ClientAddresses addresses;
    private final TimeMeter time;
    private final Clock clock;
    private final Optional<RateWindowCounter> shared;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(MAX_TRACKED_SUBJECTS)
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();

    public RateLimiting(BearerAuthentication bearer, ClientAddresses addresses, Clock clock) {
        this(bearer, addresses, clock, Optional.empty());
    }

    /** With {@code shared} counting the cross-instance limits ({@link RateLimitPolicy#isShared}). */
    public RateLimiting(BearerAuthentication bearer, ClientAddresses addresses, Clock clock,
            RateWindowCounter shared) {
        this(bearer, addresses, clock, Optional.of(shared));
    }

    private RateLimiting(BearerAuthentication bearer, ClientAddresses addresses, Clock clock,
            Optional<RateWindowCounter> shared) {
        this.bearer = Objects.requireNonNull(bearer, "bearer");
        this.addresses = Objects.requireNonNull(addresses, "addresses");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.shared = Objects.requireNonNull(shared, "shared");
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.millis() * 1_000_000L;
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.before(this::limit);
    }

    private void limit(Context ctx) {
        Optional<RateLimitRule> rule = RateLimitPolicy.ruleFor(ctx.method().name(), ctx.path());
        if (rule.isEmpty()) {
            return;
        }
        String key = rule.get().name() + "|" + subject(ctx);
        OptionalLong waitNanos = shared.isPresent() && RateLimitPolicy.isShared(rule.get())
                ? sharedWindow(key, rule.get()).orElseGet(() -> localBucket(key, rule.get()))
                : localBucket(key, rule.get());
        if (waitNanos.isPresent()) {
            long retryAfter = Math.max(1, (waitNanos.getAsLong() + 999_999_999L) / 1_000_000_000L);
            ctx.header("Retry-After", String.valueOf(retryAfter));
            String sentence = rule.get().exceededSentence();
            ctx.attribute(network.dpc.hub.adapter.http.ErrorResponse.CODE_ATTRIBUTE, "rate_limited");
            ctx.status(HttpStatus.TOO_MANY_REQUESTS).json(new RateLimitedResponse(sentence, "rate_limited", sentence));
            ctx.skipRemainingHandlers();
        }
    }

    /** Empty when the request may pass, else the nanoseconds until the bucket refills. */
    private OptionalLong localBucket(String key, RateLimitRule rule) {
        ConsumptionProbe probe = buckets.get(key, k -> newBucket(rule)).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? OptionalLong.empty() : OptionalLong.of(probe.getNanosToWaitForRefill());
    }

    /**
     * Counts the request in the shared fixed window of the rule's period: empty when the counter cannot answer
     * (then the local bucket decides), else what {@link #localBucket} answers.
     */
    private Optional<OptionalLong> sharedWindow(String key, RateLimitRule rule) {
        long periodMillis = rule.period().toMillis();
        long nowMillis = clock.millis();
        long startMillis = Math.floorDiv(nowMillis, periodMillis) * periodMillis;
        try {
            long hits = shared.orElseThrow().hit(key, Instant.ofEpochMilli(startMillis), rule.period());
            return Optional.of(hits <= rule.requests() ? OptionalLong.empty()
                    : OptionalLong.of((startMillis + periodMillis - nowMillis) * 1_000_000L));
        } catch (RuntimeException unavailable) {
            return Optional.empty();
        }
    }

    /** The authenticated user when a valid bearer token is presented, else the client's IP address. */
    private String subject(Context ctx) {
        if (ctx.header("Authorization") != null) {
            try {
                Caller caller = bearer.caller(ctx);
                return "user:" + caller.userId();
            } catch (DomainException notAuthenticated) {
                // fall back to the address; the route itself answers 401
            }
        }
        return "ip:" + addresses.clientOf(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For"));
    }

    private Bucket newBucket(RateLimitRule rule) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(rule.requests()).refillGreedy(rule.requests(), rule.period()))
                .withCustomTimePrecision(time)
                .build();
    }

    record RateLimitedResponse(String detail, String code, String error) {
    }
}
