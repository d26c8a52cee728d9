package network.dpc.hub.adapter.http.node;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import network.dpc.hub.adapter.http.ApiException;
import network.dpc.hub.adapter.http.ErrorResponse.FieldError;
import network.dpc.hub.domain.node.NodeChallenge;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.node.NodeProof;

/**
 * The body of {@code POST /register-node-id} after check 1 of contract §2 (shapes): {@code node_id} matches the
 * id pattern, both PEM fields are present, at most 16 KiB and carry the right armour, and an optional
 * {@code proof} has a challenge and a base64 signature. Every violation becomes a field error of one 422, before
 * any parsing work on the PEM contents.
 */
record RegisterNodeRequest(NodeId nodeId, String publicKey, String certificate, Optional<NodeProof> proof) {

    static final int MAX_PEM_BYTES = 16 * 1024;
    static final Pattern NODE_ID = Pattern.compile("^dpc-node-([0-9a-f]{16}|[0-9a-f]{32})$");
    private static final String PUBLIC_KEY_BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String PUBLIC_KEY_END = "-----END PUBLIC KEY-----";
    /** An RSA-8192 signature is 1,024 bytes, 1,368 base64 characters. */
    private static final int MAX_SIGNATURE_CHARS = 2048;

    /**
     * Checks the shapes of a parsed JSON body.
     *
     * @throws ApiException 422 {@code validation_error} listing every offending field
     */
    static RegisterNodeRequest from(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw ApiException.validation(List.of(new FieldError("body", "must be a JSON object")));
        }
        String nodeId = text(body, "node_id", errors);
        if (nodeId != null && !NODE_ID.matcher(nodeId).matches()) {
            errors.add(new FieldError("node_id", "must be dpc-node- followed by 16 or 32 lowercase hex characters"));
        }
        String publicKey = pem(body, "public_key", PUBLIC_KEY_BEGIN, PUBLIC_KEY_END, errors);
        String certificate = pem(body, "certificate", PemCertificateReader.BEGIN, PemCertificateReader.END,
                errors);
        Optional<NodeProof> proof = proof(body.get("proof"), errors);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return new RegisterNodeRequest(NodeId.registrable(nodeId), publicKey, certificate, proof);
    }

    private static String text(JsonNode body, String field, List<FieldError> errors) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new FieldError(field, "must be a string"));
            return null;
        }
        return value.asText();
    }

    private static String pem(JsonNode body, String field, String begin, String end, List<FieldError> errors) {
        String value = text(body, field, errors);
        if (value == null) {
            return null;
        }
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_PEM_BYTES) {
            errors.add(new FieldError(field, "must be at most " + MAX_PEM_BYTES / 1024 + " KiB"));
            return null;
        }
        String stripped = value.strip();
        if (!stripped.startsWith(begin) || !stripped.endsWith(end) || stripped.length() < begin.length() + end.length()) {
            errors.add(new FieldError(field, "must be PEM text from " + begin + " to " + end));
            return null;
        }
        return value;
    }

    private static Optional<NodeProof> proof(JsonNode proof, List<FieldError> errors) {
        if (proof == null || proof.isNull()) {
            return Optional.empty();
        }
        if (!proof.isObject()) {
            errors.add(new FieldError("proof", "must be an object with challenge and signature"));
            return Optional.empty();
        }
        JsonNode challenge = proof.get("challenge");
        JsonNode signature = proof.get("signature");
        boolean valid = true;
        if (challenge == null || !challenge.isTextual() || challenge.asText().isEmpty()
                || challenge.asText().length() > NodeChallenge.MAX_LENGTH) {
            errors.add(new FieldError("proof.challenge", "must be the challenge string as issued"));
            valid = false;
        }
        byte[] signatureBytes = null;
        if (signature == null || !signature.isTextual() || signature.asText().isEmpty()
                || signature.asText().length() > MAX_SIGNATURE_CHARS) {
            errors.add(new FieldError("proof.signature", "must be a base64 string of at most "
                    + MAX_SIGNATURE_CHARS + " characters"));
            valid = false;
        } else {
            try {
                signatureBytes = Base64.getDecoder().decode(signature.asText().strip());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("proof.signature", "must be base64"));
                valid = false;
            }
        }
        return valid ? Optional.of(new NodeProof(challenge.asText(), signatureBytes)) : Optional.empty();
    }
}
