package network.dpc.hub.adapter.oauth;

import java.time.Duration;
import java.util.Objects;

/**
 * How the hub talks to sign-in providers over HTTP: every call has bounded connect and read timeouts (at most ten
 * seconds each) and every response body it reads is cut off at a size limit.
 *
 * @param connectTimeout how long to wait for a TCP connection
 * @param readTimeout how long to wait for the next bytes of a response
 * @param maxResponseBytes the largest response body (discovery document, JWKS, token response, API answer) accepted
 */
public record ProviderHttpSettings(Duration connectTimeout, Duration readTimeout, int maxResponseBytes) {

    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024;

    public ProviderHttpSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        requireBounded(connectTimeout, "connectTimeout");
        requireBounded(readTimeout, "readTimeout");
        if (maxResponseBytes < 1024) {
            throw new IllegalArgumentException("maxResponseBytes must be at least 1024");
        }
    }

    /** Five seconds to connect, ten to read, 256 KiB per response. */
    public static ProviderHttpSettings defaults() {
        return new ProviderHttpSettings(Duration.ofSeconds(5), MAX_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES);
    }

    int connectTimeoutMillis() {
        return Math.toIntExact(connectTimeout.toMillis());
    }

    int readTimeoutMillis() {
        return Math.toIntExact(readTimeout.toMillis());
    }

    private static void requireBounded(Duration timeout, String name) {
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException(name + " must be between 1 ms and 10 s");
        }
    }
}
