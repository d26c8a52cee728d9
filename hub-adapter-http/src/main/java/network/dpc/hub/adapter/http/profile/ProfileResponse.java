package network.dpc.hub.adapter.http.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import network.dpc.hub.adapter.http.JsonMapping;
import network.dpc.hub.application.port.in.ProfileView;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.profile.ComputeSpec;
import network.dpc.hub.domain.profile.Expertise;
import network.dpc.hub.domain.profile.Profile;

/**
 * A profile on the wire (contract §3): {@code node_id} (the owner's primary node or null), {@code name},
 * {@code description}, {@code expertise} (topics as written), {@code compute}, {@code p2p_uri_hint},
 * {@code user_id}, {@code updated_at}.
 */
public record ProfileResponse(String nodeId, String name, String description, Map<String, Integer> expertise,
        JsonNode compute, String p2pUriHint, String userId, Instant updatedAt) {

    private static final ObjectMapper JSON = JsonMapping.objectMapper();

    public static ProfileResponse from(ProfileView view) {
        return from(view.profile(), view.primaryNode());
    }

    public static ProfileResponse from(Profile profile, Optional<NodeId> primaryNode) {
        var content = profile.content();
        return new ProfileResponse(primaryNode.map(NodeId::value).orElse(null), content.name(),
                content.description().orElse(null), written(content.expertise()),
                content.compute().map(ProfileResponse::parse).orElse(null), content.p2pUriHint().orElse(null),
                profile.owner().toString(), profile.updatedAt());
    }

    /** Topic as written → level, in the order the profile holds them. */
    static Map<String, Integer> written(Expertise expertise) {
        Map<String, Integer> written = new LinkedHashMap<>();
        expertise.levels().forEach((topic, level) -> written.put(topic.written(), level));
        return written;
    }

    private static JsonNode parse(ComputeSpec compute) {
        try {
            return JSON.readTree(compute.json());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored compute is not JSON", e);
        }
    }
}
