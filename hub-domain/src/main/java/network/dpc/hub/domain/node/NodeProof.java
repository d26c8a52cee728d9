package network.dpc.hub.domain.node;

import java.util.Objects;

/**
 * A node's proof of possession of its private key: a signature over a challenge the hub issued.
 *
 * @param challenge the challenge text as issued
 * @param signature the SHA256withRSA signature over the challenge's UTF-8 bytes
 */
public record NodeProof(String challenge, byte[] signature) {

    public NodeProof {
        Objects.requireNonNull(challenge, "challenge");
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }
}
