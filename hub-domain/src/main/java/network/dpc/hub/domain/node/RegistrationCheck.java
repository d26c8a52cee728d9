package network.dpc.hub.domain.node;

/**
 * The checks of a node registration (contract §2), in the order they run; a failure names the first one failed.
 */
public enum RegistrationCheck {
    SHAPE(1, "request shape"),
    CERTIFICATE_FORMAT(2, "certificate format"),
    KEY_TYPE_AND_SIZE(3, "key type and size"),
    SELF_SIGNATURE(4, "self-signature"),
    VALIDITY_PERIOD(5, "validity period"),
    COMMON_NAME(6, "common name"),
    NODE_ID_DERIVATION(7, "node id derivation"),
    PUBLIC_KEY_MATCH(8, "public key match"),
    PROOF_OF_POSSESSION(9, "proof of possession");

    private final int number;
    private final String label;

    RegistrationCheck(int number, String label) {
        this.number = number;
        this.label = label;
    }

    /** The check's number in the contract, 1 to 9. */
    public int number() {
        return number;
    }

    /** A short human name of the check, used in error sentences. */
    public String label() {
        return label;
    }
}
