package network.dpc.hub.adapter.oauth;

import com.fasterxml.jackson.core.JacksonException;
import java.io.IOException;
import network.dpc.hub.domain.shared.DomainException;
import network.dpc.hub.domain.shared.ErrorKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The domain errors a sign-in provider can cause, worded for the person signing in. Sentences name the provider
 * but never carry a response body, a token or a secret; the technical cause goes to the log only.
 */
final class ProviderFailures {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderFailures.class);

    private ProviderFailures() {
    }

    /** The provider could not be reached or answered with something unusable. */
    static DomainException unavailable(String provider, String what, Throwable cause) {
        LOG.warn("Sign-in provider {}: {} ({})", provider, what, describe(cause));
        return new DomainException(ErrorKind.UNAVAILABLE, "provider_error",
                "The sign-in provider " + provider + " could not be reached or answered badly; try again later.");
    }

    /** A cause for the log: transport messages are kept, parser messages (which may quote a body) are not. */
    private static String describe(Throwable cause) {
        if (cause == null) {
            return "no cause";
        }
        boolean quotesNoBody = cause instanceof IOException
                && !(cause instanceof JacksonException);
        return quotesNoBody ? cause.getClass().getSimpleName() + ": " + cause.getMessage()
                : cause.getClass().getSimpleName();
    }

    /** The provider refused to exchange the authorization code (expired, reused, or wrong verifier). */
    static DomainException exchangeRefused(String provider, String oauthError) {
        LOG.info("Sign-in provider {} refused the authorization code ({})", provider, oauthError);
        return new DomainException(ErrorKind.INVALID, "oauth_exchange_failed",
                "The sign-in provider " + provider + " did not accept the authorization code; please sign in again.");
    }

    /** The ID token failed verification. */
    static DomainException invalidIdToken(String provider, String reason) {
        LOG.warn("Sign-in provider {}: ID token rejected ({})", provider, reason);
        return new DomainException(ErrorKind.UNAUTHORIZED, "invalid_id_token",
                "The identity token from " + provider + " could not be verified.");
    }

    /** The provider vouches for no e-mail address. */
    static DomainException emailNotVerified(String provider, String sentence) {
        return new DomainException(ErrorKind.UNAUTHORIZED, "email_not_verified", sentence);
    }
}
