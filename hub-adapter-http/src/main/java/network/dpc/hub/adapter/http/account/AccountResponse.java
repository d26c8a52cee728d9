package network.dpc.hub.adapter.http.account;

import java.time.Instant;
import java.util.List;
import network.dpc.hub.adapter.http.profile.ProfileResponse;
import network.dpc.hub.application.port.in.GetAccountUseCase;
import network.dpc.hub.domain.node.NodeIdentity;

/** The body of {@code GET /users/me}. */
record AccountResponse(String id, String email, String provider, String nodeId, boolean nodeIdVerified,
        List<NodeEntry> nodes, Instant createdAt, ProfileResponse profile) {

    static AccountResponse from(GetAccountUseCase.AccountView view) {
        var held = view.nodes();
        List<NodeEntry> nodes = held.nodes().stream().map(n -> NodeEntry.from(n, held.isPrimary(n.nodeId())))
                .toList();
        String primary = held.primary().map(n -> n.nodeId().value()).orElse(null);
        ProfileResponse profile = view.profile()
                .map(p -> ProfileResponse.from(p, held.primary().map(n -> n.nodeId()))).orElse(null);
        return new AccountResponse(view.user().id().toString(), view.user().email().value(), view.user().provider(),
                primary, primary != null, nodes, view.user().createdAt(), profile);
    }

    /** One registered node of the account, as {@code GET /nodes} lists it. */
    record NodeEntry(String nodeId, Instant registeredAt, boolean proofOfPossession, boolean primary) {

        static NodeEntry from(NodeIdentity identity, boolean primary) {
            return new NodeEntry(identity.nodeId().value(), identity.registeredAt(), identity.proofOfPossession(),
                    primary);
        }
    }
}
