package network.dpc.hub.application.port.in;

/** Reports whether this hub instance and the parts it depends on are working. */
public interface CheckHealthUseCase {

    HealthReport check();
}
