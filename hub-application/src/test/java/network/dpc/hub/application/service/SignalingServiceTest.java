package network.dpc.hub.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import network.dpc.hub.application.fake.InMemoryNodeOwnership;
import network.dpc.hub.application.fake.InMemoryPresenceDirectory;
import network.dpc.hub.application.fake.InMemorySignalDelivery;
import network.dpc.hub.application.fake.MutableClock;
import network.dpc.hub.application.fake.RecordingSignalEndpoint;
import network.dpc.hub.application.port.in.AuthorizeSignalingCommand;
import network.dpc.hub.application.port.in.ConnectSignalingCommand;
import network.dpc.hub.application.port.in.RouteSignalCommand;
import network.dpc.hub.application.port.out.PresenceDirectory;
import network.dpc.hub.application.port.out.SignalEndpoint;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.presence.PresenceChange;
import network.dpc.hub.domain.presence.PresenceStatus;
import network.dpc.hub.domain.presence.PresenceSubscriptions;
import network.dpc.hub.domain.shared.DomainException;
import network.dpc.hub.domain.shared.ErrorKind;
import network.dpc.hub.domain.signaling.RouteOutcome;
import network.dpc.hub.domain.signaling.SessionKey;
import network.dpc.hub.domain.signaling.SessionTable;
import network.dpc.hub.domain.signaling.SocketClose;
import network.dpc.hub.domain.signaling.TemporaryNodeIds;
import network.dpc.hub.domain.user.UserId;
import org.junit.jupiter.api.Test;

class SignalingServiceTest {

    private static final UserId ALICE = UserId.random();
    private static final UserId BOB = UserId.random();
    private static final NodeId ALICE_PRIMARY = new NodeId("dpc-node-0123456789abcdef0123456789abcdef");
    private static final NodeId ALICE_LAPTOP = new NodeId("dpc-node-aaaaaaaaaaaaaaaa");
    private static final NodeId BOB_NODE = new NodeId("dpc-node-bbbbbbbbbbbbbbbb");
    private static final TemporaryNodeIds TEMPORARY =
            new TemporaryNodeIds("a-test-key-of-enough-bytes".getBytes(StandardCharsets.UTF_8));

    private final MutableClock clock = MutableClock.at("2026-11-27T08:00:30Z");
    private final SessionTable<SignalEndpoint> sessions = new SessionTable<>();
    private final PresenceSubscriptions<SignalEndpoint> watchers = new PresenceSubscriptions<>();
    private final InMemoryPresenceDirectory directory = new InMemoryPresenceDirectory();
    private final InMemorySignalDelivery delivery = new InMemorySignalDelivery();
    private final InMemoryNodeOwnership ownership = new InMemoryNodeOwnership()
            .grant(ALICE, ALICE_PRIMARY).grant(ALICE, ALICE_LAPTOP).grant(BOB, BOB_NODE);
    private final SignalingService service =
            new SignalingService(sessions, watchers, directory, delivery, ownership, TEMPORARY, clock);
    private final PresenceService presence = new PresenceService(watchers, directory);

    private SessionKey connect(UserId user, NodeId node, SignalEndpoint endpoint) {
        return service.connect(new ConnectSignalingCommand(user, node, endpoint));
    }

    @Test
    void withoutARequestedNodeASocketSpeaksForThePrimaryNode() {
        assertThat(service.authorize(new AuthorizeSignalingCommand(ALICE, Optional.empty()))).isEqualTo(ALICE_PRIMARY);
    }

    @Test
    void aRequestedNodeOfTheCallerIsGranted() {
        assertThat(service.authorize(new AuthorizeSignalingCommand(ALICE, Optional.of(ALICE_LAPTOP.value()))))
                .isEqualTo(ALICE_LAPTOP);
    }

    @Test
    void someoneElsesNodeOrAMalformedOneIsForbidden() {
        for (String requested : List.of(BOB_NODE.value(), "dpc-node-not-hex", "dpc-node-temp-0123456789abcdef")) {
            assertThatThrownBy(() -> service.authorize(new AuthorizeSignalingCommand(ALICE, Optional.of(requested))))
                    .isInstanceOfSatisfying(DomainException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.FORBIDDEN);
                        assertThat(e.code()).isEqualTo("node_not_owned");
                    });
        }
    }

    @Test
    void aUserWithoutNodesSpeaksAsAStableTemporaryId() {
        UserId newcomer = UserId.random();

        NodeId first = service.authorize(new AuthorizeSignalingCommand(newcomer, Optional.empty()));
        NodeId again = service.authorize(new AuthorizeSignalingCommand(newcomer, Optional.empty()));

        assertThat(first.value()).matches("dpc-node-temp-[0-9a-f]{16}");
        assertThat(again).isEqualTo(first).isEqualTo(TEMPORARY.forUser(newcomer));
    }

    @Test
    void connectingMakesTheNodeOnlineAndTellsItsWatchers() {
        RecordingSignalEndpoint watcher = new RecordingSignalEndpoint();
        presence.subscribe(watcher, List.of(ALICE_PRIMARY));

        connect(ALICE, ALICE_PRIMARY, new RecordingSignalEndpoint());

        assertThat(directory.statusOf(ALICE_PRIMARY)).isEqualTo(PresenceStatus.online(ALICE_PRIMARY));
        assertThat(watcher.presenceChanges()).containsExactly(new PresenceChange(ALICE_PRIMARY, true));
        assertThat(sessions.size()).isEqualTo(1);
    }

    @Test
    void aNewerSocketClosesTheOlderWith4409AndIsNoPresenceChange() {
        RecordingSignalEndpoint watcher = new RecordingSignalEndpoint();
        presence.subscribe(watcher, List.of(ALICE_PRIMARY));
        RecordingSignalEndpoint older = new RecordingSignalEndpoint();
        RecordingSignalEndpoint newer = new RecordingSignalEndpoint();
        SessionKey olderKey = connect(ALICE, ALICE_PRIMARY, older);

        connect(ALICE, ALICE_PRIMARY, newer);
        service.disconnect(olderKey, older); // the older socket's close arrives after the replacement

        assertThat(older.closes()).containsExactly(SocketClose.REPLACED);
        assertThat(newer.closes()).isEmpty();
        assertThat(sessions.socketOf(ALICE_PRIMARY)).contains(newer);
        assertThat(directory.statusOf(ALICE_PRIMARY).online()).isTrue();
        assertThat(watcher.presenceChanges()).containsExactly(new PresenceChange(ALICE_PRIMARY, true));
    }

    @Test
    void theLastSocketsCloseMakesTheNodeOfflineSinceNowAndDropsItsSubscriptions() {
        RecordingSignalEndpoint watcher = new RecordingSignalEndpoint();
        RecordingSignalEndpoint alice = new RecordingSignalEndpoint();
        SessionKey watcherKey = connect(BOB, BOB_NODE, watcher);
        presence.subscribe(watcher, List.of(ALICE_PRIMARY));
        SessionKey key = connect(ALICE, ALICE_PRIMARY, alice);
        clock.advance(Duration.ofMinutes(5));

        service.disconnect(key, alice);

        assertThat(directory.statusOf(ALICE_PRIMARY))
                .isEqualTo(PresenceStatus.offlineSince(ALICE_PRIMARY, Instant.parse("2026-11-27T08:05:00Z")));
        assertThat(watcher.presenceChanges()).containsExactly(new PresenceChange(ALICE_PRIMARY, true),
                new PresenceChange(ALICE_PRIMARY, false));

        service.disconnect(watcherKey, watcher);
        assertThat(watchers.isEmpty()).isTrue();
        assertThat(sessions.size()).isZero();
    }

    @Test
    void routingHandsTheFrameToTheDeliveryAndReportsItsOutcome() {
        RecordingSignalEndpoint bob = new RecordingSignalEndpoint();
        delivery.attach(BOB_NODE, bob);

        RouteOutcome outcome = service.route(new RouteSignalCommand(BOB_NODE.value(), "{\"frame\":1}"));

        assertThat(outcome).isEqualTo(new RouteOutcome.Delivered(BOB_NODE.value()));
        assertThat(bob.frames()).containsExactly("{\"frame\":1}");
        assertThat(service.route(new RouteSignalCommand(ALICE_LAPTOP.value(), "{}")))
                .isEqualTo(new RouteOutcome.TargetOffline(ALICE_LAPTOP.value()));
    }

    @Test
    void aTargetThatIsNoNodeIdIsSimplyOffline() {
        assertThat(service.route(new RouteSignalCommand("not-a-node", "{}")))
                .isEqualTo(new RouteOutcome.TargetOffline("not-a-node"));
    }

    @Test
    void closeUserClosesEverySocketOfTheUserAndNoOtherWith4401() {
        RecordingSignalEndpoint primary = new RecordingSignalEndpoint();
        RecordingSignalEndpoint laptop = new RecordingSignalEndpoint();
        RecordingSignalEndpoint bob = new RecordingSignalEndpoint();
        connect(ALICE, ALICE_PRIMARY, primary);
        connect(ALICE, ALICE_LAPTOP, laptop);
        connect(BOB, BOB_NODE, bob);

        assertThat(service.closeUser(ALICE, SocketClose.REVOKED)).isEqualTo(2);

        assertThat(primary.closes()).containsExactly(SocketClose.REVOKED);
        assertThat(laptop.closes()).containsExactly(SocketClose.REVOKED);
        assertThat(bob.closes()).isEmpty();
    }

    @Test
    void closeNodeClosesOnlyThatNodesSocket() {
        RecordingSignalEndpoint primary = new RecordingSignalEndpoint();
        RecordingSignalEndpoint laptop = new RecordingSignalEndpoint();
        connect(ALICE, ALICE_PRIMARY, primary);
        connect(ALICE, ALICE_LAPTOP, laptop);

        assertThat(service.closeNode(ALICE_LAPTOP, SocketClose.REVOKED)).isEqualTo(1);
        assertThat(service.closeNode(BOB_NODE, SocketClose.REVOKED)).isZero();

        assertThat(laptop.closes()).containsExactly(SocketClose.REVOKED);
        assertThat(primary.closes()).isEmpty();
    }

    @Test
    void releaseClosesARegistrationOnlyWhileItIsStillCurrent() {
        RecordingSignalEndpoint older = new RecordingSignalEndpoint();
        RecordingSignalEndpoint newer = new RecordingSignalEndpoint();
        SessionKey olderKey = connect(ALICE, ALICE_PRIMARY, older);
        SessionKey newerKey = connect(ALICE, ALICE_PRIMARY, newer);

        assertThat(service.release(olderKey, SocketClose.REPLACED)).isFalse();
        assertThat(newer.closes()).isEmpty();

        assertThat(service.release(newerKey, SocketClose.REPLACED)).isTrue();
        assertThat(newer.closes()).containsExactly(SocketClose.REPLACED);
    }

    @Test
    void presenceChangesFromOtherInstancesReachLocalWatchers() {
        RecordingSignalEndpoint watcher = new RecordingSignalEndpoint();
        presence.subscribe(watcher, List.of(BOB_NODE));

        service.announce(new PresenceChange(BOB_NODE, true));
        service.announce(new PresenceChange(ALICE_PRIMARY, true));

        assertThat(watcher.presenceChanges()).containsExactly(new PresenceChange(BOB_NODE, true));
    }

    @Test
    void aNodeOnlineOnAnotherInstanceDoesNotFlapWhenItsSocketHereComesOrGoes() {
        PresenceDirectory elsewhere = new PresenceDirectory() { // alice also has a socket on another instance
            @Override
            public void nodeOnline(NodeId node) {
                directory.nodeOnline(node);
            }

            @Override
            public void nodeOffline(NodeId node, Instant at) {
                directory.nodeOffline(node, at);
            }

            @Override
            public PresenceStatus statusOf(NodeId node) {
                return node.equals(ALICE_PRIMARY) ? PresenceStatus.online(node) : directory.statusOf(node);
            }
        };
        SignalingService clustered = new SignalingService(sessions, watchers, elsewhere, delivery, ownership,
                TEMPORARY, clock);
        RecordingSignalEndpoint watcher = new RecordingSignalEndpoint();
        presence.subscribe(watcher, List.of(ALICE_PRIMARY));
        RecordingSignalEndpoint alice = new RecordingSignalEndpoint();

        SessionKey key = clustered.connect(new ConnectSignalingCommand(ALICE, ALICE_PRIMARY, alice));
        clustered.disconnect(key, alice);

        assertThat(watcher.presenceChanges()).isEmpty();
    }
}
