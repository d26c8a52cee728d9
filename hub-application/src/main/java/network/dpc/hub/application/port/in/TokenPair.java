package network.dpc.hub.application.port.in;

import java.time.Duration;

/**
 * Tokens handed to a client.
 *
 * @param refreshToken null when only an access token is issued (refresh grant)
 * @param accessTokenLifetime the {@code expires_in} of the access token
 */
public record TokenPair(String accessToken, String refreshToken, Duration accessTokenLifetime) {
}
