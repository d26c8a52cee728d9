package network.dpc.hub.application.port.in;

import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of this instance's health.
 *
 * @param databaseProblem empty while the database answers, else a short reason without secrets
 */
public record HealthReport(
        String version,
        String instanceId,
        Optional<String> databaseProblem,
        long websocketConnections,
        long liveRevocations,
        long uptimeSeconds) {

    public HealthReport {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(databaseProblem, "databaseProblem");
    }

    /** Whether every dependency this instance needs to serve requests is reachable. */
    public boolean ready() {
        return databaseProblem.isEmpty();
    }
}
