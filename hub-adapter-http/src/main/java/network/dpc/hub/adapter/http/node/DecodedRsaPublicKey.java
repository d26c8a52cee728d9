package network.dpc.hub.adapter.http.node;

import java.io.IOException;
import java.math.BigInteger;
import java.security.interfaces.RSAPublicKey;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * An RSA public key read from a certificate's ASN.1 without any validation, so that reading an oversized or odd
 * key costs nothing; the domain decides whether it is acceptable before anything computes with it. Its encoding is
 * the canonical SubjectPublicKeyInfo DER (rsaEncryption with NULL parameters), as the field client re-serialises it.
 */
final class DecodedRsaPublicKey implements RSAPublicKey {

    private static final long serialVersionUID = 1L;

    private final BigInteger modulus;
    private final BigInteger publicExponent;

    DecodedRsaPublicKey(BigInteger modulus, BigInteger publicExponent) {
        this.modulus = Objects.requireNonNull(modulus, "modulus");
        this.publicExponent = Objects.requireNonNull(publicExponent, "publicExponent");
    }

    @Override
    public BigInteger getModulus() {
        return modulus;
    }

    @Override
    public BigInteger getPublicExponent() {
        return publicExponent;
    }

    @Override
    public String getAlgorithm() {
        return "RSA";
    }

    @Override
    public String getFormat() {
        return "X.509";
    }

    @Override
    public byte[] getEncoded() {
        try {
            AlgorithmIdentifier rsa = new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE);
            return new SubjectPublicKeyInfo(rsa, new org.bouncycastle.asn1.pkcs.RSAPublicKey(modulus, publicExponent))
                    .getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("could not encode an RSA public key", e);
        }
    }

    @Override
    public String toString() {
        return "RSA public key, " + modulus.bitLength() + " bits";
    }
}
