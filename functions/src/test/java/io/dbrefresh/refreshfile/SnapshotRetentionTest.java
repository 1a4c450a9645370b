package io.dbrefresh.refreshfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** delete.snapshotretention (deletecluster.snapshotretention for aurora): how many final snapshots dbrefresh keeps. */
class SnapshotRetentionTest {

    @Test
    void absent_noFinalSnapshotIsPruned() {
        assertThat(Fixture.of("rds.json").plan().delete().snapshotRetention()).isNull();
    }

    @Test
    void keepAndDays_travelInThePlan() throws Exception {
        RefreshPlan plan = Fixture.of("rds.json").with("/delete/snapshotretention", Map.of("keep", 2, "days", "30"))
                .with("/fixtags/torun", "true").plan();

        assertThat(plan.delete().snapshotRetention()).isEqualTo(new SnapshotRetention(2, 30));
        RefreshPlan back = Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(plan), RefreshPlan.class);
        assertThat(back.delete().snapshotRetention()).isEqualTo(new SnapshotRetention(2, 30));
    }

    @Test
    void aurora_setsItOnDeletecluster_andIsToldSoOnDelete() {
        assertThat(Fixture.of("aurora.json").with("/deletecluster/snapshotretention", Map.of("keep", 1))
                .with("/fixtags/torun", "true").plan().delete()
                .snapshotRetention()).isEqualTo(new SnapshotRetention(1, null));
        RefreshFileResult wrong = Fixture.of("aurora.json").with("/delete/snapshotretention", Map.of("keep", 1)).read();
        assertThat(wrong.errors()).anySatisfy(p -> assertThat(p.toString()).contains("/delete/snapshotretention", "deletecluster"));
    }

    @Test
    void everyProblem_isAnErrorAtItsPath() {
        RefreshFileResult result = Fixture.of("rds.json")
                .with("/delete/snapshotretention", Map.of("keep", 0, "days", "forever", "count", 3)).read();

        assertThat(result.valid()).isFalse();
        assertThat(result.errors()).anySatisfy(p -> assertThat(p.toString()).contains("/delete/snapshotretention/keep"));
        assertThat(result.errors()).anySatisfy(p -> assertThat(p.toString()).contains("/delete/snapshotretention/days"));
        assertThat(result.errors()).anySatisfy(p -> assertThat(p.toString()).contains("/delete/snapshotretention/count"));
    }

    @Test
    void empty_orWithoutFixTags_isAnError() {
        RefreshFileResult empty = Fixture.of("rds.json").with("/delete/snapshotretention", Map.of()).read();
        assertThat(empty.errors()).anySatisfy(p -> assertThat(p.toString()).contains("/delete/snapshotretention", "keep", "days"));

        RefreshFileResult noFixTags = Fixture.of("rds.json").with("/delete/snapshotretention", Map.of("keep", 3))
                .with("/fixtags/torun", "false").read();
        assertThat(noFixTags.errors()).anySatisfy(p -> assertThat(p.toString()).contains("/delete/snapshotretention", "fix-tags"));
    }
}
