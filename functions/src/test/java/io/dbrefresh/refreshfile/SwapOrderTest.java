package io.dbrefresh.refreshfile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The swap the plan asks for: by default the old target is renamed out of the way and deleted
 * once the copy holds the name; a file whose copy never takes the name keeps the original's
 * delete in place, and is told so.
 */
class SwapOrderTest {

    @Test
    void byDefault_theOldTargetIsRenamedAway_andDeletedAfterTheSwap_withTheFinalSnapshotTheFileAsks() {
        DeleteSpec delete = Fixture.of("rds.json").plan().delete();

        assertThat(delete.deleteAfterSwap()).isTrue();
        assertThat(delete.renamesAway()).isTrue();
        assertThat(delete.keepsOld()).as("no grace period: nothing is kept for a rollback").isFalse();
        assertThat(delete.finalSnapshot()).isTrue();
        assertThat(Fixture.of("rds.json").with("/delete/finalsnapshot", false).plan().delete().deleteAfterSwap()).isTrue();
    }

    @Test
    void forAurora_theOldClusterIsRenamedAwayWithItsInstances_whenRenameclusterRuns() {
        RefreshFileResult result = Fixture.of("aurora.json").read();

        assertThat(result.valid()).as(result.errors().toString()).isTrue();
        assertThat(result.plan().delete().deleteAfterSwap()).isTrue();
        assertThat(Fixture.of("aurora.json").with("/deletecluster/graceperiod", "1d").plan().delete().deleteAfterSwap())
                .as("a grace period keeps it instead").isFalse();
    }

    @Test
    void withoutTheCopysRename_theOldTargetIsDeletedInPlace_andValidationSaysSo() {
        RefreshFileResult result = Fixture.of("rds.json").with("/rename/torun", false).read();

        assertThat(result.plan().delete().deleteAfterSwap()).isFalse();
        assertThat(result.plan().delete().renamesAway()).isFalse();
        assertThat(result.warnings()).anySatisfy(p -> assertThat(p.toString()).contains("/delete/torun", "in place",
                "rename.torun is false"));
    }

    @Test
    void withStopdb_theOldTargetIsNoLongerStopped_andValidationSaysSo_theFileStaysValid() {
        RefreshFileResult result = Fixture.of("rds.json").with("/stopdb/dbinstance", "mysqlinstd").with("/stopdb/torun", true).read();

        assertThat(result.valid()).as(result.errors().toString()).isTrue();
        assertThat(result.plan().runs(StepId.STOP_OLD_DATABASE)).as("the step still runs, and says why it stops nothing").isTrue();
        assertThat(result.plan().delete().deleteAfterSwap()).isTrue();
        assertThat(result.warnings()).anySatisfy(p -> assertThat(p.toString()).contains("/stopdb/torun", "no longer stopped",
                "renames only an available instance"));
    }

    @Test
    void theSwapTravelsInThePlan() throws Exception {
        RefreshPlan plan = Fixture.of("rds.json").plan();

        RefreshPlan back = Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(plan), RefreshPlan.class);

        assertThat(back.delete().deleteAfterSwap()).isTrue();
    }
}
