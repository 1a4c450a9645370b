package io.dbrefresh.refreshfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class NearestKeyTest {

    private static final List<String> KEYS = List.of("torun", "wait_time", "timeout", "dbinstance", "dbservice", "check");

    @Test
    void swappedLetters_countAsOneSlip() {
        assertThat(NearestKey.distance("wait_tiem", "wait_time")).isEqualTo(1);
        assertThat(NearestKey.suggest("wait_tiem", KEYS)).isEqualTo("wait_time");
    }

    @Test
    void caseDifferences_areSuggestedToo() {
        assertThat(NearestKey.suggest("TORUN", KEYS)).isEqualTo("torun");
    }

    @Test
    void aWordCutShort_suggestsTheWholeWord() {
        assertThat(NearestKey.suggest("latest", List.of("latestpoint", "restorepoint"))).isEqualTo("latestpoint");
    }

    @Test
    void theNearestOfSeveralCandidates_isSuggested() {
        assertThat(NearestKey.suggest("dbinstanse", KEYS)).isEqualTo("dbinstance");
        assertThat(NearestKey.suggest("dbservise", KEYS)).isEqualTo("dbservice");
    }

    @Test
    void nothingClose_suggestsNothing() {
        assertThat(NearestKey.suggest("colour", KEYS)).isNull();
        assertThat(NearestKey.suggest("x", KEYS)).isNull();
    }
}
