package network.dpc.hub.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import network.dpc.hub.application.port.out.PresenceDirectory;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.presence.PresenceStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link PresenceDirectory} adapter must show; subclasses supply a fresh, empty directory. */
public abstract class PresenceDirectoryContract {

    private static final NodeId NODE = new NodeId("dpc-node-0123456789abcdef");
    private static final NodeId OTHER = new NodeId("dpc-node-0123456789abcdef0123456789abcdef");

    private PresenceDirectory directory;

    protected abstract PresenceDirectory emptyDirectory();

    @BeforeEach
    void setUp() {
        directory = emptyDirectory();
    }

    @Test
    void aNeverSeenNodeIsOfflineWithoutLastSeen() {
        assertThat(directory.statusOf(NODE)).isEqualTo(PresenceStatus.neverSeen(NODE));
    }

    @Test
    void anOnlineNodeIsOnlineWithoutLastSeen() {
        directory.nodeOnline(NODE);

        PresenceStatus status = directory.statusOf(NODE);
        assertThat(status.online()).isTrue();
        assertThat(status.lastSeen()).isEmpty();
    }

    @Test
    void anOfflineNodeWasLastSeenWhenItWentOfflineRoundedToTheMinute() {
        directory.nodeOnline(NODE);
        directory.nodeOffline(NODE, Instant.parse("2026-11-27T08:15:42Z"));

        assertThat(directory.statusOf(NODE))
                .isEqualTo(PresenceStatus.offlineSince(NODE, Instant.parse("2026-11-27T08:15:00Z")));
    }

    @Test
    void comingBackOnlineClearsLastSeen() {
        directory.nodeOffline(NODE, Instant.parse("2026-11-27T08:15:42Z"));
        directory.nodeOnline(NODE);

        assertThat(directory.statusOf(NODE)).isEqualTo(PresenceStatus.online(NODE));
    }

    @Test
    void answersAListInTheOrderAsked() {
        directory.nodeOnline(OTHER);

        assertThat(directory.statusOf(List.of(OTHER, NODE)))
                .containsExactly(PresenceStatus.online(OTHER), PresenceStatus.neverSeen(NODE));
    }
}
