package network.dpc.hub.application.port.in;

import java.util.Objects;
import java.util.Optional;
import network.dpc.hub.domain.node.NodeCertificate;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.node.NodeProof;
import network.dpc.hub.domain.user.UserId;

/**
 * A request to bind a node id to the caller, after the edge checked its shape and parsed the certificate
 * (checks 1 and 2 of contract §2).
 *
 * @param publicKeyPem the {@code public_key} field as sent
 * @param proof the optional proof of possession
 */
public record RegisterNodeCommand(UserId caller, NodeId nodeId, String publicKeyPem, NodeCertificate certificate,
        Optional<NodeProof> proof) {

    public RegisterNodeCommand {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(publicKeyPem, "publicKeyPem");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(proof, "proof");
        if (!NodeId.isRegistrable(nodeId.value())) {
            throw new IllegalArgumentException("a temporary node id cannot be registered");
        }
    }
}
