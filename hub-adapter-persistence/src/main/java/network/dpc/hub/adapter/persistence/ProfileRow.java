package network.dpc.hub.adapter.persistence;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of {@code profiles}, with {@code expertise} and {@code compute} as JSON text.
 *
 * @param expertise the JSON object written topic → level
 */
public record ProfileRow(UUID userId, String name, String description, String expertise, String compute,
        String p2pUriHint, Instant updatedAt) {
}
