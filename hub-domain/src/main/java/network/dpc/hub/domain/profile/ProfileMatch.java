package network.dpc.hub.domain.profile;

import java.util.Objects;
import network.dpc.hub.domain.node.NodeId;

/**
 * One search result: a profile reached through its owner's primary node.
 *
 * @param level the level at which the profile matched (the highest among the matching topics)
 * @param online whether that node has a signaling socket open now
 * @param verified whether the node is registered (always, as unregistered users are never found)
 */
public record ProfileMatch(NodeId node, Profile profile, int level, boolean online, boolean verified) {

    public ProfileMatch {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(profile, "profile");
        if (!Expertise.isLevel(level)) {
            throw new IllegalArgumentException("a match has a level from 1 to 5");
        }
    }
}
