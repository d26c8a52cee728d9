package network.dpc.hub.application.port.out;

import java.util.Optional;

/** Checks that this instance is connected to the bus that carries signals and events between hub instances. */
public interface InstanceBusProbe {

    /** Empty while the bus carries messages, else a short reason (never a credential). */
    Optional<String> problem();
}
