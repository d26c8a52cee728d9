package network.dpc.hub.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import network.dpc.hub.application.fake.RecordingSignalEndpoint;
import network.dpc.hub.application.port.out.SignalDelivery;
import network.dpc.hub.application.port.out.SignalEndpoint;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.signaling.RouteOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link SignalDelivery} adapter must show. Subclasses supply a fresh delivery with no socket
 * connected, and a way to connect a socket for a node.
 */
public abstract class SignalDeliveryContract {

    private static final NodeId TARGET = new NodeId("dpc-node-0123456789abcdef0123456789abcdef");
    private static final String FRAME = "{\"type\":\"signal\",\"target_node_id\":\"" + TARGET
            + "\",\"payload\":{\"type\":\"offer\"},\"sender_node_id\":\"dpc-node-fedcba9876543210\"}";

    private SignalDelivery delivery;

    protected abstract SignalDelivery emptyDelivery();

    /** Makes {@code endpoint} the socket holding {@code node} for the delivery under test. */
    protected abstract void connect(NodeId node, SignalEndpoint endpoint);

    @BeforeEach
    void setUp() {
        delivery = emptyDelivery();
    }

    @Test
    void handsTheFrameUnchangedToTheTargetsSocket() {
        RecordingSignalEndpoint target = new RecordingSignalEndpoint();
        connect(TARGET, target);

        RouteOutcome outcome = delivery.deliver(TARGET, FRAME);

        assertThat(outcome).isEqualTo(new RouteOutcome.Delivered(TARGET.value()));
        assertThat(target.frames()).containsExactly(FRAME);
    }

    @Test
    void aTargetWithoutSocketIsOffline() {
        assertThat(delivery.deliver(TARGET, FRAME)).isEqualTo(new RouteOutcome.TargetOffline(TARGET.value()));
    }

    @Test
    void aSocketThatCannotTakeTheFrameIsARelayFailure() {
        RecordingSignalEndpoint target = new RecordingSignalEndpoint();
        target.refuseFrames();
        connect(TARGET, target);

        assertThat(delivery.deliver(TARGET, FRAME)).isEqualTo(new RouteOutcome.RelayFailed(TARGET.value()));
        assertThat(target.frames()).isEmpty();
    }

    /**
     * Whether the adapter relays to a socket of this process without waiting ({@code deliverWithoutWaiting} present);
     * an adapter keeping the interface's default (always empty) answers false.
     */
    protected boolean deliversLocallyWithoutWaiting() {
        return true;
    }

    @Test
    void aSocketOfThisProcessGetsTheFrameExactlyOnceWithOrWithoutWaiting() {
        RecordingSignalEndpoint target = new RecordingSignalEndpoint();
        connect(TARGET, target);

        Optional<RouteOutcome> now = delivery.deliverWithoutWaiting(TARGET, FRAME);

        if (deliversLocallyWithoutWaiting()) {
            assertThat(now).contains(new RouteOutcome.Delivered(TARGET.value()));
        } else {
            assertThat(now).isEmpty();
            assertThat(target.frames()).as("nothing delivered when empty").isEmpty();
            assertThat(delivery.deliver(TARGET, FRAME)).isEqualTo(new RouteOutcome.Delivered(TARGET.value()));
        }
        assertThat(target.frames()).containsExactly(FRAME);
    }

    @Test
    void withoutWaitingATargetWithoutSocketIsOfflineOrLeftToDeliver() {
        assertThat(delivery.deliverWithoutWaiting(TARGET, FRAME))
                .satisfiesAnyOf(outcome -> assertThat(outcome).isEmpty(),
                        outcome -> assertThat(outcome).contains(new RouteOutcome.TargetOffline(TARGET.value())));
    }

    @Test
    void withoutWaitingASocketThatCannotTakeTheFrameIsARelayFailureOrLeftToDeliver() {
        RecordingSignalEndpoint target = new RecordingSignalEndpoint();
        target.refuseFrames();
        connect(TARGET, target);

        Optional<RouteOutcome> now = delivery.deliverWithoutWaiting(TARGET, FRAME);

        assertThat(now).isEqualTo(deliversLocallyWithoutWaiting()
                ? Optional.of(new RouteOutcome.RelayFailed(TARGET.value())) : Optional.empty());
        assertThat(target.frames()).isEmpty();
    }
}
