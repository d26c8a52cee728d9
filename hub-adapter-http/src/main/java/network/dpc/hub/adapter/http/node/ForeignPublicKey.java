package network.dpc.hub.adapter.http.node;

import java.security.PublicKey;

/**
 * A certificate key of an algorithm other than RSA, carried only so the domain can name it when it refuses it.
 *
 * @param algorithm a JCA-style name such as {@code EC}, or a description with the OID
 * @param encoded the SubjectPublicKeyInfo DER as found in the certificate
 */
record ForeignPublicKey(String algorithm, byte[] encoded) implements PublicKey {

    private static final long serialVersionUID = 1L;

    ForeignPublicKey {
        encoded = encoded.clone();
    }

    @Override
    public String getAlgorithm() {
        return algorithm;
    }

    @Override
    public String getFormat() {
        return "X.509";
    }

    @Override
    public byte[] getEncoded() {
        return encoded.clone();
    }
}
