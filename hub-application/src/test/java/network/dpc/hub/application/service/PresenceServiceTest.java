package network.dpc.hub.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import network.dpc.hub.application.fake.InMemoryPresenceDirectory;
import network.dpc.hub.application.fake.RecordingSignalEndpoint;
import network.dpc.hub.application.port.out.SignalEndpoint;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.presence.PresenceStatus;
import network.dpc.hub.domain.presence.PresenceSubscriptions;
import network.dpc.hub.domain.shared.DomainException;
import org.junit.jupiter.api.Test;

class PresenceServiceTest {

    private static final NodeId A = new NodeId("dpc-node-aaaaaaaaaaaaaaaa");
    private static final NodeId B = new NodeId("dpc-node-bbbbbbbbbbbbbbbb");

    private final PresenceSubscriptions<SignalEndpoint> watchers = new PresenceSubscriptions<>();
    private final InMemoryPresenceDirectory directory = new InMemoryPresenceDirectory();
    private final PresenceService service = new PresenceService(watchers, directory);

    @Test
    void subscribingReturnsTheCurrentStatusOfEachDistinctNode() {
        directory.nodeOnline(A);
        RecordingSignalEndpoint socket = new RecordingSignalEndpoint();

        List<PresenceStatus> now = service.subscribe(socket, List.of(A, B, A));

        assertThat(now).containsExactly(PresenceStatus.online(A), PresenceStatus.neverSeen(B));
        assertThat(watchers.watchersOf(A)).containsExactly(socket);
        assertThat(watchers.countOf(socket)).isEqualTo(2);
    }

    @Test
    void unsubscribingStopsWatching() {
        RecordingSignalEndpoint socket = new RecordingSignalEndpoint();
        service.subscribe(socket, List.of(A, B));

        service.unsubscribe(socket, List.of(A));

        assertThat(watchers.watchersOf(A)).isEmpty();
        assertThat(watchers.watchersOf(B)).containsExactly(socket);
    }

    @Test
    void queryAnswersInOrderAndRefusesMoreThan100Ids() {
        directory.nodeOffline(B, Instant.parse("2026-11-27T08:15:42Z"));

        assertThat(service.query(List.of(B, A))).containsExactly(
                PresenceStatus.offlineSince(B, Instant.parse("2026-11-27T08:15:00Z")), PresenceStatus.neverSeen(A));

        List<NodeId> tooMany = IntStream.range(0, 101)
                .mapToObj(i -> new NodeId("dpc-node-%016x".formatted(i))).toList();
        assertThatThrownBy(() -> service.query(tooMany)).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.code()).isEqualTo("too_many_node_ids"));
    }
}
