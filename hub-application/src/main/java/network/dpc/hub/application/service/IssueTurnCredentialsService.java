package network.dpc.hub.application.service;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import network.dpc.hub.application.port.in.IssueTurnCredentialsUseCase;
import network.dpc.hub.application.port.out.TurnCredentialSigner;
import network.dpc.hub.domain.shared.DomainException;
import network.dpc.hub.domain.shared.ErrorKind;
import network.dpc.hub.domain.user.UserId;

/** Issues TURN credentials that expire {@code ttl} from now, when the hub has a TURN secret and server URIs. */
public final class IssueTurnCredentialsService implements IssueTurnCredentialsUseCase {

    private final Optional<TurnCredentialSigner> signer;
    private final List<String> uris;
    private final Duration ttl;
    private final Clock clock;

    /**
     * @param signer the shared secret's signer, empty when {@code TURN_SECRET} is not set
     * @param uris the TURN servers; empty when {@code TURN_URIS} is not set
     */
    public IssueTurnCredentialsService(Optional<TurnCredentialSigner> signer, List<String> uris, Duration ttl,
            Clock clock) {
        this.signer = Objects.requireNonNull(signer, "signer");
        this.uris = List.copyOf(uris);
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
    }

    /** Whether credentials can be issued (both a secret and at least one server are configured). */
    public boolean configured() {
        return signer.isPresent() && !uris.isEmpty();
    }

    @Override
    public TurnCredentials issue(UserId caller) {
        Objects.requireNonNull(caller, "caller");
        if (!configured()) {
            throw new DomainException(ErrorKind.UNAVAILABLE, "turn_not_configured",
                    "This hub offers no TURN server (TURN_SECRET and TURN_URIS are not set)");
        }
        long expiry = clock.instant().plus(ttl).getEpochSecond();
        String username = expiry + ":" + signer.get().userHandle(caller);
        return new TurnCredentials(username, signer.get().password(username), ttl, uris);
    }
}
