package network.dpc.hub.application.port.in;

/** Forgets what has expired: revocations of expired tokens, abandoned sign-ins, unused one-time codes. */
public interface PurgeExpiredUseCase {

    /** Returns how many records were removed. */
    int purgeExpired();
}
