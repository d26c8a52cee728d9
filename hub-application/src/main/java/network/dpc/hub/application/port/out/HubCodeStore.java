package network.dpc.hub.application.port.out;

import java.time.Instant;
import java.util.Optional;
import network.dpc.hub.domain.login.HubCode;

/** Keeps the one-time codes of the PKCE hub-code flow until they are exchanged or expire. */
public interface HubCodeStore {

    void save(HubCode code);

    /** Removes and returns the code: a code can be taken once only. */
    Optional<HubCode> take(String code);

    int purgeExpired(Instant now);
}
