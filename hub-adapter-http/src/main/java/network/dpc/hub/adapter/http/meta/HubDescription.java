package network.dpc.hub.adapter.http.meta;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import network.dpc.hub.adapter.http.signaling.SignalingSettings;

/**
 * What {@code GET /.well-known/dpc-hub} tells a client about this hub before it signs in.
 *
 * @param version the hub's version
 * @param providers the sign-in providers configured, as in {@code /login/{provider}}
 * @param signaling the socket's limits and liveness
 * @param maxNodesPerUser devices per account
 * @param maxRequestBytes the largest request body accepted
 * @param accessTokenLifetime lifetime of an access token
 * @param refreshTokenLifetime lifetime of a refresh token
 * @param nodeProofRequired whether node registration needs a proof of key possession
 * @param turn whether {@code GET /turn-credentials} issues credentials
 * @param rateLimits whether the REST rate limits are on
 */
public record HubDescription(String version, List<String> providers, SignalingSettings signaling,
        int maxNodesPerUser, long maxRequestBytes, Duration accessTokenLifetime, Duration refreshTokenLifetime,
        boolean nodeProofRequired, boolean turn, boolean rateLimits) {

    /** The version of the signaling protocol of contract §6, also sent in {@code auth_ok}. */
    public static final int PROTOCOL = 1;

    public HubDescription {
        Objects.requireNonNull(version, "version");
        providers = List.copyOf(providers);
        Objects.requireNonNull(signaling, "signaling");
        Objects.requireNonNull(accessTokenLifetime, "accessTokenLifetime");
        Objects.requireNonNull(refreshTokenLifetime, "refreshTokenLifetime");
    }
}
