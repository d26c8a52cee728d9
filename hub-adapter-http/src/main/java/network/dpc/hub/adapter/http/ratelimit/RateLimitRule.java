package network.dpc.hub.adapter.http.ratelimit;

import java.time.Duration;
import java.util.Objects;

/**
 * A limit such as "5 per 1 minute" for one group of routes.
 *
 * @param name the group's name, part of the bucket key (never a user or address)
 */
public record RateLimitRule(String name, int requests, Duration period) {

    public RateLimitRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(period, "period");
        if (requests < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a rate limit needs a positive count and period");
        }
    }

    /** The sentence of contract §7, e.g. {@code Rate limit exceeded: 5 per 1 minute}. */
    public String exceededSentence() {
        long minutes = period.toMinutes();
        String per = minutes > 0 && period.equals(Duration.ofMinutes(minutes))
                ? minutes + (minutes == 1 ? " minute" : " minutes")
                : period.toSeconds() + " seconds";
        return "Rate limit exceeded: " + requests + " per " + per;
    }
}
