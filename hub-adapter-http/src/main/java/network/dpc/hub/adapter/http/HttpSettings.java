package network.dpc.hub.adapter.http;

import java.util.List;
import java.util.Objects;

/**
 * How the HTTP server listens and behaves.
 *
 * @param host the interface to bind, e.g. {@code 0.0.0.0}
 * @param strictTransportSecurity whether to send HSTS (the public URL is https)
 * @param maxRequestBytes request bodies above this size are refused with 413
 * @param allowedOrigins exact browser origins allowed by CORS (credentials allowed, {@code X-Request-ID} exposed)
 */
public record HttpSettings(String host, boolean strictTransportSecurity, long maxRequestBytes,
        List<String> allowedOrigins) {

    public static final long DEFAULT_MAX_REQUEST_BYTES = 64 * 1024;

    /** Settings without CORS. */
    public HttpSettings(String host, boolean strictTransportSecurity, long maxRequestBytes) {
        this(host, strictTransportSecurity, maxRequestBytes, List.of());
    }

    public HttpSettings {
        Objects.requireNonNull(host, "host");
        allowedOrigins = List.copyOf(allowedOrigins);
        if (maxRequestBytes < 1) {
            throw new IllegalArgumentException("maxRequestBytes must be positive");
        }
    }
}
