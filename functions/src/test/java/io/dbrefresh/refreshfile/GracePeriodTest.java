package io.dbrefresh.refreshfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** delete.graceperiod (deletecluster.graceperiod for aurora): the old target kept for a rollback instead of deleted. */
class GracePeriodTest {

    @Test
    void absent_theOldTargetIsNotKept_itIsDeletedOnceTheCopyHoldsTheName() {
        DeleteSpec delete = Fixture.of("rds.json").plan().delete();

        assertThat(delete.keepsOld()).isFalse();
        assertThat(delete.grace()).isNull();
        assertThat(delete.deleteAfterSwap()).isTrue();
    }

    @Test
    void daysOrHours_keepTheOldTargetThatLong() {
        assertThat(Fixture.of("rds.json").with("/delete/graceperiod", "3d").plan().delete().grace()).isEqualTo(Duration.ofDays(3));
        assertThat(Fixture.of("rds.json").with("/delete/graceperiod", "12h").plan().delete().grace()).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void theGracePeriodTravelsInThePlan() throws Exception {
        RefreshPlan plan = Fixture.of("rds.json").with("/delete/graceperiod", "2d").plan();

        RefreshPlan back = Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(plan), RefreshPlan.class);

        assertThat(back.delete().grace()).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void aMalformedOrTooLongGracePeriod_isAnErrorAtItsPath() {
        for (String bad : new String[] {"3 days", "0d", "2w", "36d", "900h", "-1d"}) {
            RefreshFileResult result = Fixture.of("rds.json").with("/delete/graceperiod", bad).read();

            assertThat(result.valid()).as(bad).isFalse();
            assertThat(result.errors()).as(bad).anySatisfy(p -> assertThat(p.toString()).contains("/delete/graceperiod"));
        }
    }

    @Test
    void withStopdb_isAnError_forRdsRenamesOnlyAnAvailableInstance() {
        RefreshFileResult result = Fixture.of("rds.json").with("/delete/graceperiod", "3d")
                .with("/stopdb/dbinstance", "mysqlinstd").with("/stopdb/torun", true).read();

        assertThat(result.valid()).isFalse();
        assertThat(result.errors()).anySatisfy(p -> assertThat(p.toString()).contains("/stopdb/torun", "graceperiod"));
    }

    @Test
    void forAurora_onTheDeleteclusterBlock_keepsTheOldCluster() {
        RefreshFileResult result = Fixture.of("aurora.json").with("/deletecluster/graceperiod", "1d").read();

        assertThat(result.valid()).as(result.errors().toString()).isTrue();
        assertThat(result.plan().delete().keepsOld()).isTrue();
        assertThat(result.plan().delete().grace()).isEqualTo(java.time.Duration.ofDays(1));
    }

    @Test
    void onAnAuroraDeleteBlock_isAnError_theClusterIsKept() {
        RefreshFileResult result = Fixture.of("aurora.json").with("/delete/graceperiod", "3d").read();

        assertThat(result.valid()).isFalse();
        assertThat(result.errors()).anySatisfy(p -> assertThat(p.toString()).contains("/delete/graceperiod", "deletecluster"));
    }
}
