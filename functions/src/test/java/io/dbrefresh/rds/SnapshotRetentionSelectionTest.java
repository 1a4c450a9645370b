package io.dbrefresh.rds;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.dbrefresh.refreshfile.SnapshotRetention;

/** Which of a target's snapshots dbrefresh made go, by the refresh file's retention. */
class SnapshotRetentionSelectionTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    private static SnapshotHousekeeping.Owned fin(String name, int daysAgo) {
        return new SnapshotHousekeeping.Owned(name, "arn:" + name, false, SnapshotHousekeeping.Kind.FINAL, "qa",
                NOW.minus(Duration.ofDays(daysAgo)), "available", null);
    }

    private static List<String> names(List<SnapshotHousekeeping.Owned> owned) {
        return owned.stream().map(SnapshotHousekeeping.Owned::name).toList();
    }

    private final List<SnapshotHousekeeping.Owned> four = List.of(fin("qa-final-3", 3), fin("qa-final-1", 1), fin("qa-final-40", 40),
            fin("qa-final-10", 10));

    @Test
    void keep_removesAllButTheNewestN() {
        assertThat(names(SnapshotHousekeeping.prunable(four, new SnapshotRetention(2, null), null, null, NOW)))
                .containsExactlyInAnyOrder("qa-final-10", "qa-final-40");
    }

    @Test
    void days_removesThoseOlderThanDDays_butNeverTheNewest() {
        assertThat(names(SnapshotHousekeeping.prunable(four, new SnapshotRetention(null, 7), null, null, NOW)))
                .containsExactlyInAnyOrder("qa-final-10", "qa-final-40");
        List<SnapshotHousekeeping.Owned> allOld = List.of(fin("qa-final-40", 40), fin("qa-final-50", 50));
        assertThat(names(SnapshotHousekeeping.prunable(allOld, new SnapshotRetention(null, 7), null, null, NOW)))
                .as("the last final snapshot of a target stays, however old").containsExactly("qa-final-50");
    }

    @Test
    void keepAndDays_keepWhatEitherKeeps() {
        assertThat(names(SnapshotHousekeeping.prunable(four, new SnapshotRetention(1, 5), null, null, NOW)))
                .containsExactlyInAnyOrder("qa-final-10", "qa-final-40");
        assertThat(names(SnapshotHousekeeping.prunable(four, new SnapshotRetention(3, 2), null, null, NOW)))
                .containsExactly("qa-final-40");
    }

    @Test
    void theSnapshotJustMade_andOneNotYetAvailable_areNeverRemoved() {
        SnapshotHousekeeping.Owned creating = new SnapshotHousekeeping.Owned("qa-final-20", "arn:x", false,
                SnapshotHousekeeping.Kind.FINAL, "qa", NOW.minus(Duration.ofDays(20)), "creating", null);
        List<SnapshotHousekeeping.Owned> owned = List.of(fin("qa-final-1", 1), fin("qa-final-10", 10), creating);
        assertThat(names(SnapshotHousekeeping.prunable(owned, new SnapshotRetention(1, null), "qa-final-10", null, NOW))).isEmpty();
    }

    @Test
    void withoutRetention_noFinalSnapshotGoes_andCopiesGoOnlyWhenMadeBeforeTheLimit() {
        SnapshotHousekeeping.Owned copy = new SnapshotHousekeeping.Owned("qatemp-copy-0a1b2c3d", "arn:c", false,
                SnapshotHousekeeping.Kind.COPY, "qa", NOW.minus(Duration.ofHours(1)), "available", null);
        List<SnapshotHousekeeping.Owned> owned = List.of(fin("qa-final-1", 1), fin("qa-final-40", 40), copy);
        assertThat(SnapshotHousekeeping.prunable(owned, null, null, null, NOW)).isEmpty();
        assertThat(names(SnapshotHousekeeping.prunable(owned, null, null, NOW, NOW))).containsExactly("qatemp-copy-0a1b2c3d");
        assertThat(SnapshotHousekeeping.prunable(owned, null, null, NOW.minus(SnapshotHousekeeping.COPY_IN_USE), NOW))
                .as("a copy younger than two days may be in use").isEmpty();
    }

    @Test
    void theRetentionTag_readsBackWhatItRecorded() {
        assertThat(SnapshotRetention.parse(new SnapshotRetention(2, 30).text())).isEqualTo(new SnapshotRetention(2, 30));
        assertThat(SnapshotRetention.parse(new SnapshotRetention(null, 7).text())).isEqualTo(new SnapshotRetention(null, 7));
        assertThat(SnapshotRetention.parse("keep=two")).isNull();
        assertThat(SnapshotRetention.parse("")).isNull();
    }

    @Test
    void names_areOnlyTheOnesDbrefreshGives() {
        assertThat(SnapshotHousekeeping.namedFor("qa-final-20261206100000", "qa", SnapshotHousekeeping.Kind.FINAL)).isTrue();
        assertThat(SnapshotHousekeeping.namedFor("qa-final-20261206100000-manual", "qa", SnapshotHousekeeping.Kind.FINAL)).isFalse();
        assertThat(SnapshotHousekeeping.namedFor("qab-final-20261206100000", "qa", SnapshotHousekeeping.Kind.FINAL)).isFalse();
        assertThat(SnapshotHousekeeping.namedFor("qatemp-copy-0a1b2c3d", "qa", SnapshotHousekeeping.Kind.COPY)).isTrue();
        assertThat(SnapshotHousekeeping.namedFor("qa-final-20261206100000", "q", SnapshotHousekeeping.Kind.FINAL)).isFalse();
    }
}
