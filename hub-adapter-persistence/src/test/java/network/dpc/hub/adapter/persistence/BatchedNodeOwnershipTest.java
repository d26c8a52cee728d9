package network.dpc.hub.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import network.dpc.hub.application.contract.NodeOwnershipContract;
import network.dpc.hub.application.port.out.NodeOwnership;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.node.NodeIdentity;
import network.dpc.hub.domain.user.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The batched ownership lookups of the connect path against the same contract as the fake and the repository, and
 * under concurrency: lookups sharing statements still each get their own user's answer, the same as the repository's.
 */
class BatchedNodeOwnershipTest extends NodeOwnershipContract {

    @RegisterExtension
    static final MigratedDatabase database = new MigratedDatabase();

    private final List<BatchedNodeOwnership> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(BatchedNodeOwnership::close);
    }

    private BatchedNodeOwnership batched() {
        BatchedNodeOwnership ownership = new BatchedNodeOwnership(database.database().dataSource(), Duration.ofSeconds(10));
        opened.add(ownership);
        return ownership;
    }

    private static void insertUser(UserId user) {
        database.jdbi().useHandle(h -> h.execute("INSERT INTO users (id, email, provider, created_at) "
                + "VALUES (?, ?, 'oidc', now())", user.value(), user.value() + "@example.org"));
    }

    @Override
    protected NodeOwnership ownershipWithTwoNodesOfOwner() {
        database.truncate("users");
        insertUser(OWNER);
        JdbiNodeIdentityRepository nodes = new JdbiNodeIdentityRepository(database.jdbi());
        Instant now = Instant.parse("2026-11-27T08:00:00Z");
        nodes.add(new NodeIdentity(SECOND, OWNER, now, false), List.of());
        nodes.add(new NodeIdentity(PRIMARY, OWNER, now.plusSeconds(1), false), List.of()); // the newest is primary
        return batched();
    }

    @Test
    void concurrentLookupsEachGetTheirOwnUsersAnswerTheSameAsTheRepositorys() throws Exception {
        database.truncate("users");
        JdbiNodeIdentityRepository repository = new JdbiNodeIdentityRepository(database.jdbi());
        Instant now = Instant.parse("2026-11-27T08:00:00Z");
        List<UserId> users = new ArrayList<>();
        List<NodeId> nodes = new ArrayList<>();
        for (int u = 0; u < 60; u++) {
            UserId user = UserId.random();
            insertUser(user);
            users.add(user);
            for (int n = 0; n < u % 3; n++) { // none, one, or two nodes registered at the same instant (a tie)
                NodeId node = new NodeId("dpc-node-%016x".formatted((long) u * 16 + n + 1));
                repository.add(new NodeIdentity(node, user, now, false), List.of());
                nodes.add(node);
            }
        }
        BatchedNodeOwnership ownership = batched();
        ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
        try {
            List<Future<Optional<NodeId>>> primaries = new ArrayList<>();
            List<Future<List<Boolean>>> owned = new ArrayList<>();
            for (UserId user : users) {
                primaries.add(callers.submit(() -> ownership.primaryNode(user)));
                owned.add(callers.submit(() -> nodes.stream().map(node -> ownership.owns(user, node)).toList()));
            }
            for (int u = 0; u < users.size(); u++) {
                UserId user = users.get(u);
                assertThat(primaries.get(u).get(10, TimeUnit.SECONDS)).isEqualTo(repository.primaryNode(user));
                assertThat(owned.get(u).get(10, TimeUnit.SECONDS))
                        .isEqualTo(nodes.stream().map(node -> repository.owns(user, node)).toList());
            }
        } finally {
            callers.shutdownNow();
        }
    }
}
