package network.dpc.hub.application.port.in;

import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of this instance's health.
 *
 * @param databaseProblem empty while the database answers, else a short reason without secrets
 * @param instanceBusProblem empty while the bus between hub instances carries messages, else a short reason
 */
public record HealthReport(
        String version,
        String instanceId,
        Optional<String> databaseProblem,
        Optional<String> instanceBusProblem,
        long websocketConnections,
        long liveRevocations,
        long uptimeSeconds) {

    public HealthReport {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(databaseProblem, "databaseProblem");
        Objects.requireNonNull(instanceBusProblem, "instanceBusProblem");
    }

    /** A report of an instance without an instance bus (a hub that runs alone in memory). */
    public HealthReport(String version, String instanceId, Optional<String> databaseProblem,
            long websocketConnections, long liveRevocations, long uptimeSeconds) {
        this(version, instanceId, databaseProblem, Optional.empty(), websocketConnections, liveRevocations,
                uptimeSeconds);
    }

    /** Whether every dependency this instance needs to serve requests is reachable. */
    public boolean ready() {
        return databaseProblem.isEmpty() && instanceBusProblem.isEmpty();
    }
}
