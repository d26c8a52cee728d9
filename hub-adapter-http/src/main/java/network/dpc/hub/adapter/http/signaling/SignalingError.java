package network.dpc.hub.adapter.http.signaling;

/** The error codes of {@code /ws/signal} (§6 of the contract), each with its default sentence. */
enum SignalingError {
    MISSING_TARGET("missing_target", "Missing target_node_id"),
    TARGET_OFFLINE("target_offline", "Target node is not connected"),
    RELAY_FAILED("relay_failed", "Failed to relay the message"),
    UNKNOWN_MESSAGE_TYPE("unknown_message_type", "Unknown message type"),
    INVALID_JSON("invalid_json", "Invalid JSON"),
    PROCESSING_ERROR("processing_error", "Could not process the message"),
    RATE_LIMITED("rate_limited", "Rate limit exceeded: too many messages"),
    MESSAGE_TOO_LARGE("message_too_large", "Message too large");

    private final String code;
    private final String sentence;

    SignalingError(String code, String sentence) {
        this.code = code;
        this.sentence = sentence;
    }

    String code() {
        return code;
    }

    String sentence() {
        return sentence;
    }
}
