package network.dpc.hub.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import network.dpc.hub.application.fake.MutableClock;
import network.dpc.hub.application.fake.RecordingSessionCloser;
import network.dpc.hub.application.fake.SyntheticNodeCertificates;
import network.dpc.hub.application.port.in.RegisterNodeCommand;
import network.dpc.hub.application.service.IssueNodeChallengeService;
import network.dpc.hub.application.service.RegisterNodeService;
import network.dpc.hub.domain.node.NodeIdTakenException;
import network.dpc.hub.domain.node.NodeIdentity;
import network.dpc.hub.domain.node.NodeIdentityPolicy;
import network.dpc.hub.domain.node.NodeSetPolicy;
import network.dpc.hub.domain.node.ProofRequirement;
import network.dpc.hub.domain.shared.DomainException;
import network.dpc.hub.domain.user.UserId;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The registration use case on the PostgreSQL adapters: real concurrency, database-enforced rules. */
class NodeRegistrationOnPostgresTest {

    private static final Instant ISSUED = Instant.parse("2026-11-27T08:00:00Z");
    @RegisterExtension
    static final MigratedDatabase database = new MigratedDatabase();
    private static KeyPair device;

    private final MutableClock clock = new MutableClock(ISSUED.plusSeconds(60));
    private JdbiNodeIdentityRepository nodes;
    private RegisterNodeService register;

    @BeforeAll
    static void generateDeviceKey() {
        device = SyntheticNodeCertificates.rsa2048();
    }

    @BeforeEach
    void setUp() {
        database.truncate("node_identities", "node_challenges");
        nodes = new JdbiNodeIdentityRepository(database.jdbi());
        register = new RegisterNodeService(nodes, new JdbiNodeChallengeStore(database.jdbi()),
                new RecordingSessionCloser(), NodeIdentityPolicy.standard(), NodeSetPolicy.standard(),
                ProofRequirement.OPTIONAL, clock);
    }

    private static RegisterNodeCommand command(UserId caller) {
        return new RegisterNodeCommand(caller, SyntheticNodeCertificates.nodeIdOf(device),
                SyntheticNodeCertificates.publicKeyPem(device), SyntheticNodeCertificates.certificate(device, ISSUED),
                Optional.empty());
    }

    @RepeatedTest(10)
    void ofConcurrentRegistrationsOfOneIdByDifferentUsersExactlyOneWinsAndTheOthersConflict() throws Exception {
        int contenders = 4;
        List<UserId> users = new ArrayList<>();
        for (int i = 0; i < contenders; i++) {
            users.add(database.insertUser());
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(contenders)) {
            for (UserId user : users) {
                outcomes.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    try {
                        register.register(command(user));
                        return "200";
                    } catch (DomainException e) {
                        return e.kind() + "/" + e.code() + "/" + e.getMessage();
                    }
                }));
            }
            start.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get(60, TimeUnit.SECONDS));
            }

            assertThat(results).containsOnlyOnce("200");
            assertThat(results).filteredOn(r -> !r.equals("200")).hasSize(contenders - 1)
                    .allSatisfy(r -> assertThat(r).startsWith("CONFLICT/node_id_taken/")
                            .contains("already registered"));
        }
        assertThat(users).contains(nodes.findById(SyntheticNodeCertificates.nodeIdOf(device)).orElseThrow().owner());
    }

    @RepeatedTest(5)
    void concurrentRegistrationsOfOneIdByTheSameUserAreAllIdempotent() throws Exception {
        UserId alice = database.insertUser();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<NodeIdentity>> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
            for (int i = 0; i < 3; i++) {
                outcomes.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return register.register(command(alice)).identity();
                }));
            }
            start.countDown();
            for (Future<NodeIdentity> outcome : outcomes) {
                assertThat(outcome.get(60, TimeUnit.SECONDS).owner()).isEqualTo(alice);
            }
        }
        assertThat(nodes.findByOwner(alice).size()).isEqualTo(1);
    }

    @Test
    void theDatabaseItselfRefusesASecondBindingAndMalformedIds() {
        UserId alice = database.insertUser();
        UserId bob = database.insertUser();
        String insert = "INSERT INTO node_identities (node_id, user_id, registered_at) VALUES (?, ?, now())";
        database.jdbi().useHandle(h -> h.execute(insert, "dpc-node-0123456789abcdef", alice.value()));

        assertThatThrownBy(() -> database.jdbi().useHandle(h -> h.execute(insert, "dpc-node-0123456789abcdef",
                bob.value()))).isInstanceOf(UnableToExecuteStatementException.class).hasMessageContaining("node_identities_pkey");
        assertThatThrownBy(() -> database.jdbi().useHandle(h -> h.execute(insert, "dpc-node-0123456789ABCDEF",
                bob.value()))).isInstanceOf(UnableToExecuteStatementException.class);
        assertThatThrownBy(() -> database.jdbi().useHandle(h -> h.execute(insert, "dpc-node-temp-0123456789abcdef",
                bob.value()))).isInstanceOf(UnableToExecuteStatementException.class);
    }

    @Test
    void deletingTheUserDeletesTheirNodesAndChallenges() {
        UserId alice = database.insertUser();
        register.register(command(alice));
        JdbiNodeChallengeStore challenges = new JdbiNodeChallengeStore(database.jdbi());
        String challenge = new IssueNodeChallengeService(challenges, new SecureRandom(), clock).issue(alice).value();

        new JdbiUserRepository(database.jdbi()).delete(alice);

        assertThat(nodes.findById(SyntheticNodeCertificates.nodeIdOf(device))).isEmpty();
        assertThat(challenges.take(challenge)).isEmpty();
    }

    @Test
    void aBindingForAUserThatNoLongerExistsIsNotFound() {
        assertThatThrownBy(() -> nodes.add(new NodeIdentity(SyntheticNodeCertificates.nodeIdOf(device),
                UserId.random(), ISSUED, false), List.of()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("user_not_found"))
                .isNotInstanceOf(NodeIdTakenException.class);
    }
}
