package network.dpc.hub.application.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import network.dpc.hub.application.port.in.CheckHealthUseCase;
import network.dpc.hub.application.port.in.HealthReport;
import network.dpc.hub.application.port.out.ConnectionGauge;
import network.dpc.hub.application.port.out.DatabaseProbe;
import network.dpc.hub.application.port.out.InstanceBusProbe;
import network.dpc.hub.application.port.out.RevocationGauge;

/** Assembles the health report from the database and instance-bus probes and the live gauges of this instance. */
public final class HealthService implements CheckHealthUseCase {

    private final String version;
    private final String instanceId;
    private final Instant startedAt;
    private final Clock clock;
    private final DatabaseProbe database;
    private final ConnectionGauge connections;
    private final RevocationGauge revocations;
    private final InstanceBusProbe instanceBus;

    public HealthService(String version, String instanceId, Clock clock, DatabaseProbe database,
            ConnectionGauge connections, RevocationGauge revocations) {
        this(version, instanceId, clock, database, Optional::empty, connections, revocations);
    }

    public HealthService(String version, String instanceId, Clock clock, DatabaseProbe database,
            InstanceBusProbe instanceBus, ConnectionGauge connections, RevocationGauge revocations) {
        this.instanceBus = Objects.requireNonNull(instanceBus, "instanceBus");
        this.version = Objects.requireNonNull(version, "version");
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.database = Objects.requireNonNull(database, "database");
        this.connections = Objects.requireNonNull(connections, "connections");
        this.revocations = Objects.requireNonNull(revocations, "revocations");
        this.startedAt = clock.instant();
    }

    @Override
    public HealthReport check() {
        long uptime = Math.max(0, Duration.between(startedAt, clock.instant()).toSeconds());
        Optional<String> databaseProblem = database.problem();
        return new HealthReport(version, instanceId, databaseProblem, instanceBus.problem(),
                connections.openConnections(),
                databaseProblem.isPresent() ? 0 : liveRevocations(), uptime);
    }

    /** The revocation count, or 0 when the store cannot answer (health must answer even then). */
    private long liveRevocations() {
        try {
            return revocations.liveRevocations();
        } catch (RuntimeException unavailable) {
            return 0;
        }
    }
}
