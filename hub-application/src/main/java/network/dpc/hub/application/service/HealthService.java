package network.dpc.hub.application.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import network.dpc.hub.application.port.in.CheckHealthUseCase;
import network.dpc.hub.application.port.in.HealthReport;
import network.dpc.hub.application.port.out.ConnectionGauge;
import network.dpc.hub.application.port.out.DatabaseProbe;
import network.dpc.hub.application.port.out.RevocationGauge;

/** Assembles the health report from the database probe and the live gauges of this instance. */
public final class HealthService implements CheckHealthUseCase {

    private final String version;
    private final String instanceId;
    private final Instant startedAt;
    private final Clock clock;
    private final DatabaseProbe database;
    private final ConnectionGauge connections;
    private final RevocationGauge revocations;

    public HealthService(String version, String instanceId, Clock clock, DatabaseProbe database,
            ConnectionGauge connections, RevocationGauge revocations) {
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
        var problem = database.problem();
        // the revocations live in the database: while it is unreachable, counting them would fail the whole report
        long liveRevocations = problem.isPresent() ? 0 : revocations.liveRevocations();
        return new HealthReport(version, instanceId, problem, connections.openConnections(), liveRevocations,
                uptime);
    }
}
