package network.dpc.hub.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import network.dpc.hub.application.auth.TokenAuthority;
import network.dpc.hub.application.fake.InMemoryNodeIdentityRepository;
import network.dpc.hub.application.fake.InMemoryPresenceLookup;
import network.dpc.hub.application.fake.InMemoryProfileRepository;
import network.dpc.hub.application.fake.InMemoryRevocationStore;
import network.dpc.hub.application.fake.InMemoryTokenCodec;
import network.dpc.hub.application.fake.InMemoryUserRepository;
import network.dpc.hub.application.fake.MutableClock;
import network.dpc.hub.application.fake.RecordingSessionCloser;
import network.dpc.hub.application.fake.RecordingSessionCloser.ClosedUser;
import network.dpc.hub.application.port.in.ProfileView;
import network.dpc.hub.application.port.out.PresenceLookup;
import network.dpc.hub.application.port.out.ProfileRepository;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.node.NodeIdentity;
import network.dpc.hub.domain.profile.ProfileContent;
import network.dpc.hub.domain.profile.ProfilePage;
import network.dpc.hub.domain.profile.ProfileSearch;
import network.dpc.hub.domain.profile.TopicMatch;
import network.dpc.hub.domain.shared.DomainException;
import network.dpc.hub.domain.shared.ErrorKind;
import network.dpc.hub.domain.signaling.SocketClose;
import network.dpc.hub.domain.token.TokenRejectedException;
import network.dpc.hub.domain.token.TokenType;
import network.dpc.hub.domain.user.Email;
import network.dpc.hub.domain.user.User;
import network.dpc.hub.domain.user.UserId;
import org.junit.jupiter.api.Test;

/** The profile, account-deletion and search use cases on in-memory fakes, with a clock moved by hand. */
class ProfileServicesTest {

    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final InMemoryNodeIdentityRepository nodes = new InMemoryNodeIdentityRepository();
    private final InMemoryProfileRepository profiles = new InMemoryProfileRepository(nodes);
    private final InMemoryPresenceLookup presence = new InMemoryPresenceLookup();
    private final RecordingSessionCloser sessions = new RecordingSessionCloser();
    private final TokenAuthority tokens = new TokenAuthority(new InMemoryTokenCodec(),
            new InMemoryRevocationStore(clock), users, clock, new SecureRandom(),
            new TokenAuthority.TokenSettings("dpc-hub", Duration.ofMinutes(30), Duration.ofDays(30)));
    private final UpdateProfileService update = new UpdateProfileService(profiles, nodes, clock);
    private final GetProfileService get = new GetProfileService(profiles, nodes);
    private final DeleteAccountService deleteAccount = new DeleteAccountService(tokens, users, nodes, profiles, sessions);
    private final SearchProfilesService search = new SearchProfilesService(profiles, presence);

    private User user(String email) {
        User user = User.register(new Email(email), "github", T0);
        users.save(user);
        return user;
    }

    private NodeId node(UserId owner, int n, int minute) {
        NodeId id = new NodeId("dpc-node-%032x".formatted(n));
        nodes.add(new NodeIdentity(id, owner, T0.plusSeconds(60L * minute), false), List.of());
        return id;
    }

    private static ProfileContent content(String name, Map<String, Integer> expertise) {
        return ProfileContent.validated(name, null, expertise, null, null);
    }

    @Test
    void updateStoresTheWholeProfileStampedNowToTheMicrosecond() {
        User ada = user("ada@example.org");
        clock.set(Instant.parse("2026-11-27T08:00:00.123456789Z"));

        ProfileView view = update.update(ada.id(), content("Ada", Map.of("Python", 5)));

        assertThat(view.profile().updatedAt()).isEqualTo(Instant.parse("2026-11-27T08:00:00.123456Z"));
        assertThat(view.primaryNode()).isEmpty();
        assertThat(profiles.findByOwner(ada.id())).contains(view.profile());
    }

    @Test
    void updateReplacesAndReportsThePrimaryNode() {
        User ada = user("ada@example.org");
        node(ada.id(), 1, 0);
        NodeId newest = node(ada.id(), 2, 5);
        update.update(ada.id(), content("Ada", Map.of("Python", 5)));
        clock.advance(Duration.ofMinutes(1));

        ProfileView replaced = update.update(ada.id(), content("Ada L.", Map.of("Go", 2)));

        assertThat(replaced.primaryNode()).contains(newest);
        assertThat(get.own(ada.id())).isEqualTo(replaced);
        assertThat(get.own(ada.id()).profile().content().expertise().byCanonicalTopic()).containsOnlyKeys("go");
        assertThat(replaced.profile().updatedAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void ownProfileAndNodeProfileAreNotFoundUntilThereIsOne() {
        User ada = user("ada@example.org");
        NodeId older = node(ada.id(), 1, 0);
        NodeId primary = node(ada.id(), 2, 1);

        assertNotFound(() -> get.own(ada.id()));
        assertNotFound(() -> get.ofNode(older));
        assertNotFound(() -> get.ofNode(new NodeId("dpc-node-0123456789abcdef")));

        ProfileView saved = update.update(ada.id(), content("Ada", Map.of()));

        assertThat(get.ofNode(older)).isEqualTo(saved).extracting(ProfileView::primaryNode)
                .isEqualTo(Optional.of(primary));
        assertThat(get.ofNode(primary)).isEqualTo(saved);
    }

    @Test
    void deletingTheAccountRemovesEverythingKillsItsTokensAndClosesItsSockets() {
        User ada = user("ada@example.org");
        User bob = user("bob@example.org");
        NodeId adaNode = node(ada.id(), 1, 0);
        node(bob.id(), 2, 0);
        update.update(ada.id(), content("Ada", Map.of("Rust", 4)));
        update.update(bob.id(), content("Bob", Map.of("Rust", 3)));
        String access = tokens.issue(ada, TokenType.ACCESS);
        String refresh = tokens.issue(ada, TokenType.REFRESH);

        deleteAccount.delete(ada.id());

        assertThat(users.findById(ada.id())).isEmpty();
        assertThat(nodes.findByOwner(ada.id()).nodes()).isEmpty();
        assertThat(profiles.findByOwner(ada.id())).isEmpty();
        assertThatThrownBy(() -> tokens.verify(access, TokenType.ACCESS)).isInstanceOf(TokenRejectedException.class);
        assertThatThrownBy(() -> tokens.verify(refresh, TokenType.REFRESH)).isInstanceOf(TokenRejectedException.class);
        assertThat(sessions.closedUsers()).containsExactly(new ClosedUser(ada.id(), SocketClose.REVOKED));
        assertThat(profiles.findByOwner(bob.id())).isPresent();
        assertThat(search.search(ProfileSearch.of("rust")).total()).isEqualTo(1);

        User carol = user("carol@example.org");
        nodes.add(new NodeIdentity(adaNode, carol.id(), T0, false), List.of());
        assertThat(nodes.findById(adaNode)).map(NodeIdentity::owner).contains(carol.id());
    }

    @Test
    void searchAsksPresenceAndSkipsTheStoreWhenNothingCanMatch() {
        User ada = user("ada@example.org");
        NodeId adaNode = node(ada.id(), 1, 0);
        update.update(ada.id(), content("Ada", Map.of("Machine Learning", 4)));
        presence.setOnline(adaNode);

        ProfilePage page = search.search(ProfileSearch.of("machine learning", TopicMatch.EXACT, 1, 10, 0, true));

        assertThat(page.results()).singleElement().satisfies(m -> {
            assertThat(m.online()).isTrue();
            assertThat(m.node()).isEqualTo(adaNode);
        });
        ProfileRepository untouchable = new ProfileRepository() {
            @Override
            public void save(network.dpc.hub.domain.profile.Profile profile) {
                throw new IllegalStateException("not expected");
            }

            @Override
            public Optional<network.dpc.hub.domain.profile.Profile> findByOwner(UserId owner) {
                throw new IllegalStateException("not expected");
            }

            @Override
            public boolean delete(UserId owner) {
                throw new IllegalStateException("not expected");
            }

            @Override
            public ProfilePage search(ProfileSearch query, java.util.Set<NodeId> online) {
                throw new IllegalStateException("not expected");
            }
        };
        PresenceLookup nobody = new InMemoryPresenceLookup();
        ProfilePage nothing = new SearchProfilesService(untouchable, nobody).search(ProfileSearch.of("+++"));
        assertThat(nothing.results()).isEmpty();
        assertThat(nothing.total()).isZero();
    }

    private static void assertNotFound(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
            assertThat(e.code()).isEqualTo("profile_not_found");
        });
    }
}
