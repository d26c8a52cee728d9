package network.dpc.hub.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import network.dpc.hub.application.port.out.NodeIdentityRepository;
import network.dpc.hub.application.port.out.ProfileRepository;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.node.NodeIdentity;
import network.dpc.hub.domain.profile.ComputeSpec;
import network.dpc.hub.domain.profile.Expertise;
import network.dpc.hub.domain.profile.Profile;
import network.dpc.hub.domain.profile.ProfileContent;
import network.dpc.hub.domain.profile.ProfileMatch;
import network.dpc.hub.domain.profile.ProfilePage;
import network.dpc.hub.domain.profile.ProfileSearch;
import network.dpc.hub.domain.profile.Topic;
import network.dpc.hub.domain.profile.TopicMatch;
import network.dpc.hub.domain.user.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ProfileRepository} adapter must show; subclasses supply an empty world: the profile
 * repository, the node repository whose bindings it sees, and a way to create users it accepts as owners.
 */
public abstract class ProfileRepositoryContract {

    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");
    /** Written as PostgreSQL's jsonb renders it, so that stores that normalise JSON return the same text. */
    private static final String COMPUTE = "{\"gpu\": \"rtx 4090\", \"cores\": 16}";

    /** A fresh, empty set of stores that see each other, and a source of users that exist in them. */
    public record World(ProfileRepository profiles, NodeIdentityRepository nodes, Supplier<UserId> newUser) {
    }

    private ProfileRepository profiles;
    private NodeIdentityRepository nodes;
    private Supplier<UserId> newUser;
    private int nodeCounter;

    protected abstract World emptyWorld();

    @BeforeEach
    void setUp() {
        World world = emptyWorld();
        profiles = world.profiles();
        nodes = world.nodes();
        newUser = world.newUser();
        nodeCounter = 0;
    }

    private NodeId nextNode() {
        return new NodeId("dpc-node-%032x".formatted(++nodeCounter));
    }

    private NodeId register(UserId owner, int minute) {
        NodeId node = nextNode();
        nodes.add(new NodeIdentity(node, owner, T0.plusSeconds(60L * minute), false), List.of());
        return node;
    }

    private static Map<String, Integer> topics(Object... topicThenLevel) {
        Map<String, Integer> expertise = new LinkedHashMap<>();
        for (int i = 0; i < topicThenLevel.length; i += 2) {
            expertise.put((String) topicThenLevel[i], (Integer) topicThenLevel[i + 1]);
        }
        return expertise;
    }

    private static Profile profile(UserId owner, String name, int minute, Map<String, Integer> expertise) {
        return new Profile(owner, ProfileContent.validated(name, null, expertise, null, null),
                T0.plusSeconds(60L * minute));
    }

    /** A user with one node and a saved profile updated at {@code minute}; returns the node. */
    private NodeId person(String name, int minute, Object... topicThenLevel) {
        UserId owner = newUser.get();
        NodeId node = register(owner, 0);
        profiles.save(profile(owner, name, minute, topics(topicThenLevel)));
        return node;
    }

    private ProfilePage search(String q, TopicMatch match, int minLevel, int limit, int offset, boolean onlineOnly,
            Set<NodeId> online) {
        return profiles.search(ProfileSearch.of(q, match, minLevel, limit, offset, onlineOnly), online);
    }

    private ProfilePage search(String q) {
        return search(q, TopicMatch.EXACT, 1, 50, 0, false, Set.of());
    }

    private static List<String> names(ProfilePage page) {
        return page.results().stream().map(m -> m.profile().content().name()).toList();
    }

    @Test
    void savesAndFindsAWholeProfileByOwner() {
        UserId owner = newUser.get();
        Profile full = new Profile(owner, new ProfileContent("Ada Lovelace", Optional.of("Analyst ✓"),
                new Expertise(Map.of(new Topic("Machine Learning"), 5, new Topic("C++"), 3)),
                Optional.of(new ComputeSpec(COMPUTE)), Optional.of("dpc://ada")), T0);
        Profile bare = profile(newUser.get(), "Bare", 0, Map.of());

        profiles.save(full);
        profiles.save(bare);

        assertThat(profiles.findByOwner(owner)).contains(full);
        assertThat(profiles.findByOwner(bare.owner())).contains(bare);
        assertThat(profiles.findByOwner(newUser.get())).isEmpty();
    }

    @Test
    void savingAgainReplacesTheWholeProfile() {
        UserId owner = newUser.get();
        register(owner, 0);
        profiles.save(new Profile(owner, new ProfileContent("Old", Optional.of("old text"),
                new Expertise(Map.of(new Topic("Rust"), 4)), Optional.of(new ComputeSpec(COMPUTE)),
                Optional.of("hint")), T0));
        Profile replacement = profile(owner, "New", 5, topics("Go", 2));

        profiles.save(replacement);

        assertThat(profiles.findByOwner(owner)).contains(replacement);
        assertThat(search("rust").total()).isZero();
        assertThat(names(search("go"))).containsExactly("New");
    }

    @Test
    void deleteRemovesTheProfileOnceAndFromSearch() {
        NodeId node = person("Gone", 0, "Python", 3);
        UserId owner = nodes.findById(node).orElseThrow().owner();

        assertThat(profiles.delete(owner)).isTrue();
        assertThat(profiles.delete(owner)).isFalse();
        assertThat(profiles.findByOwner(owner)).isEmpty();
        assertThat(search("python").results()).isEmpty();
        assertThat(search("python").total()).isZero();
    }

    @Test
    void searchMatchesCanonicalTopicsExactlyAndReturnsThePrimaryNode() {
        NodeId ada = person("Ada", 0, "Machine Learning", 4, "C++", 2);
        person("Bob", 0, "Machine-Learning-Ops", 5);

        ProfilePage page = search("MACHINE learning!");

        assertThat(page.results()).hasSize(1);
        ProfileMatch match = page.results().getFirst();
        assertThat(match.node()).isEqualTo(ada);
        assertThat(match.level()).isEqualTo(4);
        assertThat(match.verified()).isTrue();
        assertThat(match.online()).isFalse();
        assertThat(match.profile().content().expertise().levels()).containsEntry(new Topic("Machine Learning"), 4);
        assertThat(page.total()).isEqualTo(1);
        assertThat(names(search("c"))).containsExactly("Ada");
        assertThat(search("learning").total()).as("exact is not a substring match").isZero();
    }

    @Test
    void prefixMatchesTheStartOfCanonicalTopicsAndListsEachPersonOnce() {
        person("Ada", 0, "Machine Learning", 2, "Machine Vision", 4);
        person("Bob", 1, "Machinery", 3);
        person("Cy", 2, "Learning Machines", 5);

        ProfilePage page = search("mach", TopicMatch.PREFIX, 1, 50, 0, false, Set.of());

        assertThat(names(page)).containsExactly("Ada", "Bob");
        assertThat(page.results().getFirst().level()).as("the best matching topic counts").isEqualTo(4);
        assertThat(page.total()).isEqualTo(2);
        assertThat(search("mach", TopicMatch.PREFIX, 4, 50, 0, false, Set.of()).total()).isEqualTo(1);
        assertThat(search("mach", TopicMatch.EXACT, 1, 50, 0, false, Set.of()).total()).isZero();
    }

    @Test
    void prefixTreatsUnderscoreAndTheLastLettersLiterally() {
        person("Under", 0, "c_sharp", 3);
        person("Plain", 0, "cxsharp", 3);
        person("Zed", 0, "zz_top", 3);
        person("Nine", 0, "99problems", 3);
        person("Score", 0, "_private", 3);

        assertThat(names(search("c_", TopicMatch.PREFIX, 1, 50, 0, false, Set.of()))).containsExactly("Under");
        assertThat(names(search("z", TopicMatch.PREFIX, 1, 50, 0, false, Set.of()))).containsExactly("Zed");
        assertThat(names(search("9", TopicMatch.PREFIX, 1, 50, 0, false, Set.of()))).containsExactly("Nine");
        assertThat(names(search("_", TopicMatch.PREFIX, 1, 50, 0, false, Set.of()))).containsExactly("Score");
    }

    @Test
    void minLevelFiltersAndTotalFollowsIt() {
        person("One", 0, "python", 1);
        person("Three", 0, "python", 3);
        person("Five", 0, "python", 5);

        assertThat(names(search("python", TopicMatch.EXACT, 3, 50, 0, false, Set.of())))
                .containsExactly("Five", "Three");
        assertThat(search("python", TopicMatch.EXACT, 3, 50, 0, false, Set.of()).total()).isEqualTo(2);
        assertThat(search("python", TopicMatch.EXACT, 5, 50, 0, false, Set.of()).total()).isEqualTo(1);
        assertThat(search("python").total()).isEqualTo(3);
    }

    @Test
    void ordersByLevelThenOnlineThenMostRecentlyUpdatedThenNodeId() {
        NodeId oldExpert = person("OldExpert", 0, "go", 5);
        NodeId newExpert = person("NewExpert", 9, "go", 5);
        NodeId onlineExpert = person("OnlineExpert", 1, "go", 5);
        person("Novice", 20, "go", 1);
        NodeId tieA = person("TieA", 5, "go", 3);
        NodeId tieB = person("TieB", 5, "go", 3);

        ProfilePage page = search("go", TopicMatch.EXACT, 1, 50, 0, false, Set.of(onlineExpert));

        List<String> ties = tieA.value().compareTo(tieB.value()) < 0 ? List.of("TieA", "TieB")
                : List.of("TieB", "TieA");
        List<String> expected = new ArrayList<>(List.of("OnlineExpert", "NewExpert", "OldExpert"));
        expected.addAll(ties);
        expected.add("Novice");
        assertThat(names(page)).containsExactlyElementsOf(expected);
        assertThat(page.results()).filteredOn(ProfileMatch::online).extracting(ProfileMatch::node)
                .containsExactly(onlineExpert);
        assertThat(names(search("go"))).as("with nobody online").startsWith("NewExpert", "OnlineExpert",
                "OldExpert");
        assertThat(oldExpert).isNotEqualTo(newExpert);
    }

    @Test
    void pagesFollowOneStableOrderAndTotalCountsAllMatches() {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            person("P" + i, i % 4, "Kotlin", 1 + i % 5);
        }
        ProfilePage whole = search("kotlin", TopicMatch.EXACT, 1, 100, 0, false, Set.of());
        assertThat(whole.total()).isEqualTo(23);
        for (int offset = 0; offset < 30; offset += 7) {
            ProfilePage page = search("kotlin", TopicMatch.EXACT, 1, 7, offset, false, Set.of());
            assertThat(page.total()).isEqualTo(23);
            assertThat(page.limit()).isEqualTo(7);
            assertThat(page.offset()).isEqualTo(offset);
            all.addAll(names(page));
        }
        assertThat(all).containsExactlyElementsOf(names(whole));
        assertThat(search("kotlin", TopicMatch.EXACT, 1, 10, 100, false, Set.of()).results()).isEmpty();
    }

    @Test
    void onlineOnlyReturnsAndCountsOnlyOnlineNodes() {
        NodeId on1 = person("On1", 0, "java", 2);
        person("Off", 5, "java", 5);
        NodeId on2 = person("On2", 3, "java", 4);
        NodeId elsewhere = person("Elsewhere", 0, "scala", 4);

        ProfilePage page = search("java", TopicMatch.EXACT, 1, 50, 0, true, Set.of(on1, on2, elsewhere));

        assertThat(names(page)).containsExactly("On2", "On1");
        assertThat(page.total()).isEqualTo(2);
        assertThat(page.results()).allMatch(ProfileMatch::online);
        assertThat(search("java", TopicMatch.EXACT, 1, 50, 0, true, Set.of()).total()).isZero();
        assertThat(search("java", TopicMatch.PREFIX, 3, 50, 0, true, Set.of(on1, on2)).total()).isEqualTo(1);
    }

    @Test
    void usersWithoutANodeAreNotFoundUntilTheyRegisterOne() {
        UserId owner = newUser.get();
        profiles.save(profile(owner, "Nodeless", 0, topics("Haskell", 3)));
        person("Other", 0, "Haskell", 2);

        assertThat(names(search("haskell"))).containsExactly("Other");
        assertThat(search("haskell").total()).isEqualTo(1);
        assertThat(search("hask", TopicMatch.PREFIX, 1, 50, 0, false, Set.of()).total()).isEqualTo(1);

        NodeId first = register(owner, 1);
        assertThat(names(search("haskell"))).containsExactly("Nodeless", "Other");
        assertThat(search("haskell").total()).isEqualTo(2);
        assertThat(search("haskell").results().getFirst().node()).isEqualTo(first);

        NodeId newer = register(owner, 2);
        assertThat(search("haskell").results().getFirst().node()).as("the primary is the newest node")
                .isEqualTo(newer);

        nodes.delete(owner, newer);
        assertThat(search("haskell").results().getFirst().node()).isEqualTo(first);
        nodes.delete(owner, first);
        assertThat(names(search("haskell"))).containsExactly("Other");
        assertThat(search("haskell").total()).isEqualTo(1);
    }

    @Test
    void onlyThePrimaryNodeCountsAsOnline() {
        UserId owner = newUser.get();
        NodeId older = register(owner, 1);
        NodeId primary = register(owner, 2);
        profiles.save(profile(owner, "Two devices", 0, topics("Elixir", 3)));

        assertThat(search("elixir", TopicMatch.EXACT, 1, 50, 0, false, Set.of(older)).results().getFirst()
                .online()).isFalse();
        assertThat(search("elixir", TopicMatch.EXACT, 1, 50, 0, false, Set.of(primary)).results().getFirst()
                .online()).isTrue();
    }

    @Test
    void manyOnlineNodesAndManyTopicsInAPrefixRangeKeepTheOrder() {
        List<NodeId> online = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            NodeId node = person("N" + i, i, "data" + (char) ('a' + i % 6), 1 + i % 5, "database", 1 + (i * 7) % 5);
            if (i % 3 == 0) {
                online.add(node);
            }
        }
        ProfilePage firstPage = search("data", TopicMatch.PREFIX, 2, 10, 0, false, Set.copyOf(online));
        ProfilePage everything = search("data", TopicMatch.PREFIX, 2, 100, 0, false, Set.copyOf(online));

        assertThat(everything.results()).isSortedAccordingTo(java.util.Comparator
                .comparingInt(ProfileMatch::level).reversed()
                .thenComparing(ProfileMatch::online, java.util.Comparator.reverseOrder())
                .thenComparing((ProfileMatch m) -> m.profile().updatedAt(), java.util.Comparator.reverseOrder())
                .thenComparing(m -> m.node().value()));
        assertThat(everything.results()).extracting(ProfileMatch::node).doesNotHaveDuplicates();
        assertThat(firstPage.results()).containsExactlyElementsOf(everything.results().subList(0, 10));
        assertThat(firstPage.total()).isEqualTo(everything.total()).isEqualTo(everything.results().size());
    }
}
