package network.dpc.hub.application.port.out;

import java.util.Optional;

/** Checks that the database answers; used by health and readiness. */
public interface DatabaseProbe {

    /** Empty when a trivial query succeeded within a short bound, else a short reason (never a credential). */
    Optional<String> problem();
}
