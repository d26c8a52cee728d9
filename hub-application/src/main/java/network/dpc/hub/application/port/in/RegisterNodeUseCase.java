package network.dpc.hub.application.port.in;

/** Binds a device's node id to the calling user after verifying its certificate (contract §2). */
public interface RegisterNodeUseCase {

    /**
     * Runs checks 3 to 9 and stores the binding; registering a node the caller already holds is idempotent.
     *
     * @throws network.dpc.hub.domain.node.InvalidNodeRegistrationException (INVALID,
     *     {@code invalid_node_registration}) naming the failed check; nothing is stored
     * @throws network.dpc.hub.domain.node.NodeIdTakenException (CONFLICT, {@code node_id_taken}) when another user
     *     holds the node id
     */
    RegisterNodeResult register(RegisterNodeCommand command);
}
