package network.dpc.hub.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RevocationMirrorTest {

    private static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");
    private static final long SECOND = 1_000_000_000L;

    @Test
    void answersOnlyOnceFilledAndWhileSynchronisedRecently() {
        RevocationMirror mirror = new RevocationMirror(2 * SECOND, 100);
        assertThat(mirror.isFresh(0)).as("never filled").isFalse();

        mirror.apply(Map.of(), Map.of(), false, 0);
        assertThat(mirror.isFresh(0)).as("a partial read does not fill it").isFalse();

        mirror.apply(Map.of("jti", NOW), Map.of(), true, 10 * SECOND);
        assertThat(mirror.isFresh(10 * SECOND)).isTrue();
        assertThat(mirror.isFresh(12 * SECOND)).as("exactly at the bound").isTrue();
        assertThat(mirror.isFresh(12 * SECOND + 1)).as("stale").isFalse();

        mirror.apply(Map.of(), Map.of(), false, 12 * SECOND);
        assertThat(mirror.isFresh(13 * SECOND)).as("a later poll makes it fresh again").isTrue();
    }

    @Test
    void growingPastItsCapacityEmptiesItAndStopsItAnswering() {
        RevocationMirror mirror = new RevocationMirror(SECOND, 2);
        assertThat(mirror.apply(Map.of("a", NOW, "b", NOW), Map.of(), true, 0)).isTrue();

        assertThat(mirror.apply(Map.of("c", NOW), Map.of(), false, 0)).isFalse();

        assertThat(mirror.isFresh(0)).isFalse();
        assertThat(mirror.size()).isZero();
    }

    @Test
    void aCutOffKeepsTheLaterTimesAndKillsOnlyEarlierTokens() {
        RevocationMirror mirror = new RevocationMirror(SECOND, 100);
        UUID user = UUID.randomUUID();
        mirror.cutOff(user, new RevocationMirror.CutOff(NOW.plusSeconds(60), NOW.plusSeconds(600)));
        mirror.cutOff(user, new RevocationMirror.CutOff(NOW, NOW.plusSeconds(900)));

        assertThat(mirror.isCutOff(user, NOW.plusSeconds(59))).isTrue();
        assertThat(mirror.isCutOff(user, NOW.plusSeconds(60))).isFalse();
        assertThat(mirror.isCutOff(UUID.randomUUID(), NOW)).isFalse();

        mirror.purge(NOW.plusSeconds(600));
        assertThat(mirror.isCutOff(user, NOW)).as("kept until the later forget time").isTrue();
        mirror.purge(NOW.plusSeconds(900));
        assertThat(mirror.isCutOff(user, NOW)).isFalse();
    }

    @Test
    void refusesNonsenseBounds() {
        assertThatThrownBy(() -> new RevocationMirror(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RevocationMirror(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
