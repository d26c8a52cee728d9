package network.dpc.hub.domain.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import network.dpc.hub.domain.shared.DomainException;
import network.dpc.hub.domain.shared.ErrorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProfileRulesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"Machine Learning|machinelearning", "C++|c", "Node.js|nodejs",
        "snake_case_2|snake_case_2", "ÄÖÜ Data|data", "  Rust  |rust", "\u212Aelvin|kelvin"})
    void canonicalFormLowerCasesThenKeepsOnlyLettersDigitsAndUnderscores(String written, String canonical) {
        assertThat(new Topic(written).canonical()).isEqualTo(canonical);
        assertThat(Topic.canonicalise(written)).isEqualTo(canonical);
    }

    @Test
    void topicsNeedOneToFiftyCharactersAndACanonicalForm() {
        assertThat(Topic.problemWith("x".repeat(50))).isEmpty();
        assertThat(Topic.problemWith("😀".repeat(50))).as("characters, not UTF-16 units")
                .contains("must contain a letter, digit or underscore");
        assertThat(Topic.problemWith("x".repeat(51))).contains("must be 1-50 characters");
        assertThat(Topic.problemWith("")).contains("must be 1-50 characters");
        assertThat(Topic.problemWith("+++")).contains("must contain a letter, digit or underscore");
        assertThatThrownBy(() -> new Topic("---")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void validationCollectsEveryViolationWithItsWireField() {
        Map<String, Integer> expertise = new LinkedHashMap<>();
        expertise.put("Machine Learning", 3);
        expertise.put("machine_learning", 3);
        expertise.put("machine-learning", 4);
        expertise.put("go", 7);
        expertise.put("!", 2);

        assertThatThrownBy(() -> ProfileContent.validated("", "d".repeat(501), expertise, null, "h".repeat(501)))
                .isInstanceOfSatisfying(InvalidProfileException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID);
                    assertThat(e.code()).isEqualTo("invalid_profile");
                    assertThat(e.violations()).extracting(ProfileViolation::field).containsExactly("name",
                            "description", "expertise.machine-learning", "expertise.go", "expertise.!",
                            "p2p_uri_hint");
                });
    }

    @Test
    void expertiseEqualityIgnoresOrderAndAnswersByCanonicalTopic() {
        Map<String, Integer> first = new LinkedHashMap<>();
        first.put("Go", 2);
        first.put("Rust", 5);
        Map<String, Integer> second = new LinkedHashMap<>();
        second.put("Rust", 5);
        second.put("Go", 2);

        ProfileContent a = ProfileContent.validated("A", null, first, null, null);
        ProfileContent b = ProfileContent.validated("A", null, second, null, null);

        assertThat(a).isEqualTo(b);
        assertThat(a.expertise().byCanonicalTopic()).containsExactly(Map.entry("go", 2), Map.entry("rust", 5));
        assertThat(a.expertise().levelOf("rust")).isEqualTo(5);
        assertThat(a.expertise().levelOf("java")).isZero();
    }

    @Test
    void computeIsBoundedToFourKibibytesOfUtf8() {
        String fits = "{\"k\":\"" + "a".repeat(4096 - 8) + "\"}";
        assertThat(new ComputeSpec(fits).json()).hasSize(4096);
        assertThatThrownBy(() -> new ComputeSpec("{\"k\":\"" + "ä".repeat(2045) + "\"}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ComputeSpec("[1]")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void searchQueriesAreCanonicalisedAndBounded() {
        ProfileSearch search = ProfileSearch.of("Machine Learning");
        assertThat(search.topic()).isEqualTo("machinelearning");
        assertThat(search.minLevel()).isEqualTo(1);
        assertThat(search.limit()).isEqualTo(50);
        assertThat(search.offset()).isZero();
        assertThat(search.match()).isEqualTo(TopicMatch.EXACT);
        assertThat(ProfileSearch.of("?!").matchesNothing()).isTrue();
        assertThat(ProfileSearch.of("x".repeat(100)).topic()).hasSize(100);
        for (Runnable bad : new Runnable[] {() -> ProfileSearch.of(""), () -> ProfileSearch.of(null),
            () -> ProfileSearch.of("x".repeat(101)), () -> ProfileSearch.of("x", TopicMatch.EXACT, 0, 50, 0, false),
            () -> ProfileSearch.of("x", TopicMatch.EXACT, 6, 50, 0, false),
            () -> ProfileSearch.of("x", TopicMatch.EXACT, 1, 0, 0, false),
            () -> ProfileSearch.of("x", TopicMatch.EXACT, 1, 101, 0, false),
            () -> ProfileSearch.of("x", TopicMatch.EXACT, 1, 50, -1, false)}) {
            assertThatThrownBy(bad::run).isInstanceOfSatisfying(DomainException.class, e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.INVALID);
                assertThat(e.code()).isEqualTo("invalid_query");
            });
        }
        assertThat(TopicMatch.parse("prefix")).contains(TopicMatch.PREFIX);
        assertThat(TopicMatch.parse("PREFIX")).isEmpty();
    }

    @Test
    void aSearchMatchesAtTheBestMatchingLevel() {
        Map<String, Integer> expertise = new LinkedHashMap<>();
        expertise.put("Python", 2);
        expertise.put("PyTorch", 4);
        Expertise held = ProfileContent.validated("A", null, expertise, null, null).expertise();

        assertThat(ProfileSearch.of("py", TopicMatch.PREFIX, 1, 50, 0, false).levelIn(held)).isEqualTo(4);
        assertThat(ProfileSearch.of("python").levelIn(held)).isEqualTo(2);
        assertThat(ProfileSearch.of("python", TopicMatch.EXACT, 3, 50, 0, false).levelIn(held)).isZero();
    }
}
