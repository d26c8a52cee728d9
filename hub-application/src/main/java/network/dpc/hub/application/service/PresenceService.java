package network.dpc.hub.application.service;

import java.util.List;
import java.util.Objects;
import network.dpc.hub.application.port.in.QueryPresenceUseCase;
import network.dpc.hub.application.port.in.SubscribePresenceUseCase;
import network.dpc.hub.application.port.in.UnsubscribePresenceUseCase;
import network.dpc.hub.application.port.out.PresenceDirectory;
import network.dpc.hub.application.port.out.SignalEndpoint;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.presence.PresenceStatus;
import network.dpc.hub.domain.presence.PresenceSubscriptions;
import network.dpc.hub.domain.shared.DomainException;
import network.dpc.hub.domain.shared.ErrorKind;

/** Answers presence queries from the directory and keeps the in-memory presence subscriptions of sockets. */
public final class PresenceService implements SubscribePresenceUseCase, UnsubscribePresenceUseCase,
        QueryPresenceUseCase {

    private final PresenceSubscriptions<SignalEndpoint> watchers;
    private final PresenceDirectory directory;

    public PresenceService(PresenceSubscriptions<SignalEndpoint> watchers, PresenceDirectory directory) {
        this.watchers = Objects.requireNonNull(watchers, "watchers");
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    @Override
    public List<PresenceStatus> subscribe(SignalEndpoint subscriber, List<NodeId> nodes) {
        List<NodeId> distinct = nodes.stream().distinct().toList();
        watchers.subscribe(subscriber, distinct);
        return directory.statusOf(distinct);
    }

    @Override
    public void unsubscribe(SignalEndpoint subscriber, List<NodeId> nodes) {
        watchers.unsubscribe(subscriber, nodes);
    }

    @Override
    public List<PresenceStatus> query(List<NodeId> nodes) {
        if (nodes.size() > MAX_NODES) {
            throw new DomainException(ErrorKind.INVALID, "too_many_node_ids",
                    "At most " + MAX_NODES + " node ids can be queried at once");
        }
        return directory.statusOf(nodes);
    }
}
