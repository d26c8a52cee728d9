package network.dpc.hub.adapter.http.account;

import java.time.Instant;
import java.util.List;
import network.dpc.hub.application.port.in.GetAccountUseCase;

/** The body of {@code GET /users/me}. */
record AccountResponse(String id, String email, String provider, String nodeId, boolean nodeIdVerified,
        List<NodeEntry> nodes, Instant createdAt, Object profile) {

    static AccountResponse from(GetAccountUseCase.AccountView view) {
        List<NodeEntry> nodes = view.nodes().stream().map(n -> new NodeEntry(n.value(),
                n.equals(view.nodes().getFirst()))).toList();
        String primary = view.nodes().isEmpty() ? null : view.nodes().getFirst().value();
        return new AccountResponse(view.user().id().toString(), view.user().email().value(), view.user().provider(),
                primary, primary != null, nodes, view.user().createdAt(), null);
    }

    /** One registered node of the account. */
    record NodeEntry(String nodeId, boolean primary) {
    }

}
