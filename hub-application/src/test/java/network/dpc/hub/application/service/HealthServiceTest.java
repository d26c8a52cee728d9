package network.dpc.hub.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import network.dpc.hub.application.fake.MutableClock;
import network.dpc.hub.application.port.in.HealthReport;
import org.junit.jupiter.api.Test;

class HealthServiceTest {

    private final MutableClock clock = MutableClock.at("2026-11-27T08:00:00Z");
    private final AtomicReference<Optional<String>> databaseProblem = new AtomicReference<>(Optional.empty());

    private final HealthService health = new HealthService("1.2.3", "instance-a", clock, databaseProblem::get,
            () -> 7, () -> 3);

    @Test
    void reportsHealthyWithGaugesAndUptime() {
        clock.advance(Duration.ofSeconds(42));

        HealthReport report = health.check();

        assertThat(report.ready()).isTrue();
        assertThat(report.version()).isEqualTo("1.2.3");
        assertThat(report.instanceId()).isEqualTo("instance-a");
        assertThat(report.websocketConnections()).isEqualTo(7);
        assertThat(report.liveRevocations()).isEqualTo(3);
        assertThat(report.uptimeSeconds()).isEqualTo(42);
    }

    @Test
    void isNotReadyWhileTheDatabaseHasAProblemAndRecoversAfter() {
        databaseProblem.set(Optional.of("connection refused"));
        assertThat(health.check().ready()).isFalse();
        assertThat(health.check().databaseProblem()).contains("connection refused");

        databaseProblem.set(Optional.empty());
        assertThat(health.check().ready()).isTrue();
    }

    @Test
    void answersEvenWhenTheRevocationStoreCannot() {
        HealthService failing = new HealthService("1", "i", clock, Optional::empty, () -> 0, () -> {
            throw new IllegalStateException("database gone");
        });

        assertThat(failing.check().liveRevocations()).isZero();
        assertThat(failing.check().ready()).isTrue();
    }

    @Test
    void isNotReadyWhileTheInstanceBusHasAProblem() {
        AtomicReference<Optional<String>> busProblem = new AtomicReference<>(Optional.of("not listening"));
        HealthService clustered = new HealthService("1", "i", clock, Optional::empty, busProblem::get, () -> 0,
                () -> 0);

        assertThat(clustered.check().ready()).isFalse();
        assertThat(clustered.check().instanceBusProblem()).contains("not listening");
        assertThat(clustered.check().databaseProblem()).isEmpty();

        busProblem.set(Optional.empty());
        assertThat(clustered.check().ready()).isTrue();
    }
}
