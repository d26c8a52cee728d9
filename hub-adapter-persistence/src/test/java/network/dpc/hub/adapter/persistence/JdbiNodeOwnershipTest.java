package network.dpc.hub.adapter.persistence;

import java.time.Instant;
import java.util.List;
import network.dpc.hub.application.contract.NodeOwnershipContract;
import network.dpc.hub.application.port.out.NodeOwnership;
import network.dpc.hub.domain.node.NodeIdentity;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The node repository's ownership answers against the same contract as the fake and the batched lookups. */
class JdbiNodeOwnershipTest extends NodeOwnershipContract {

    @RegisterExtension
    static final MigratedDatabase database = new MigratedDatabase();

    @Override
    protected NodeOwnership ownershipWithTwoNodesOfOwner() {
        database.truncate("users");
        database.jdbi().useHandle(h -> h.execute("INSERT INTO users (id, email, provider, created_at) "
                + "VALUES (?, 'owner@example.org', 'oidc', now())", OWNER.value()));
        JdbiNodeIdentityRepository nodes = new JdbiNodeIdentityRepository(database.jdbi());
        Instant now = Instant.parse("2026-11-27T08:00:00Z");
        nodes.add(new NodeIdentity(SECOND, OWNER, now, false), List.of());
        nodes.add(new NodeIdentity(PRIMARY, OWNER, now.plusSeconds(1), false), List.of()); // the newest is primary
        return nodes;
    }
}
