package io.dbrefresh.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.refreshfile.RefreshFileResult;
import io.dbrefresh.refreshfile.RefreshFiles;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.StepId;

class TimelineTest {

    private static final OperationDurations D = OperationDurations.defaultTable();

    private static RefreshPlan example(String name) throws IOException {
        RefreshFileResult r = RefreshFiles.read(Files.readString(Path.of("..", "refresh-files", name)));
        assertThat(r.errors()).isEmpty();
        return r.plan();
    }

    /** An example file as JSON, to change before it is read. */
    private static ObjectNode exampleJson(String name) throws IOException {
        return (ObjectNode) Json.MAPPER.readTree(Files.readString(Path.of("..", "refresh-files", name)));
    }

    /** The plan of a changed example, which must be valid. */
    private static RefreshPlan plan(ObjectNode file) throws IOException {
        RefreshFileResult r = RefreshFiles.read(Json.MAPPER.writeValueAsString(file));
        assertThat(r.errors()).isEmpty();
        return r.plan();
    }

    @Test
    void cost_oneCheckEach_isWhatALocalRunOfTheRealStateMachineUses() throws IOException {
        // measured by LocalRunCountsBench: rds-latestpoint.json, every check finding its operation done
        RefreshPlan plan = example("rds-latestpoint.json");
        ExecutionCost least = ExecutionCost.oneCheckEach(plan);

        assertThat(least.transitions()).isEqualTo(59);
        assertThat(least.invocations()).isEqualTo(21);
        Timeline t = Timeline.model(plan, StepOrder.SAFE, D, 100);
        assertThat(ExecutionCost.everyWaitTime(plan, t).transitions()).isGreaterThan(59);
    }

    @Test
    void cost_checksFromTheModel_areOneEachWhenEveryOperationEndsAsModelled() throws IOException {
        // the check step's schedule: the first check at the step's modelled end, which then finds it done
        RefreshPlan plan = example("rds-latestpoint.json");
        Timeline t = Timeline.model(plan, StepOrder.SAFE, D, 100);

        assertThat(ExecutionCost.of(plan, t)).isEqualTo(ExecutionCost.oneCheckEach(plan));
        assertThat(ExecutionCost.of(plan, t).transitions() * 3).as("at most a third of polling every 60 s")
                .isLessThanOrEqualTo(ExecutionCost.polled(plan, t, (step, planned, seconds) -> PollSchedule.fixed(60)).transitions());
    }

    @Test
    void model_rdsWithScripts_safeOrder_isDownOnlyForTheSwap_andNeverExposed() throws IOException {
        Timeline t = Timeline.model(example("rds-with-scripts.json"), StepOrder.SAFE, D, 100);

        // rename away 120 + rename 120: the old target is deleted (final snapshot 180 + 100 x 1) once the copy holds
        // the name, and its stopdb leaves it running (RDS renames only an available instance): one task, no downtime
        assertThat(t.downtimeSeconds()).isEqualTo(240);
        assertThat(t.steps()).filteredOn(s -> s.step() == StepId.STOP_OLD_DATABASE).singleElement()
                .extracting(Timeline.Span::seconds).isEqualTo(1L);
        assertThat(t.steps()).filteredOn(s -> s.step() == StepId.DELETE_OLD_DATABASE).singleElement()
                .extracting(Timeline.Span::seconds).isEqualTo(120L);
        assertThat(t.exposureSeconds()).isZero();
        assertThat(t.steps()).extracting(Timeline.Span::step).startsWith(StepId.PERFORM_RESTORE, StepId.CHANGE_ADMIN_PWD,
                StepId.RUN_SCRIPTS, StepId.STOP_OLD_DATABASE);
        assertThat(t.totalSeconds()).isEqualTo(t.steps().get(t.steps().size() - 1).end());
    }

    @Test
    void model_rdsWithScripts_originalOrder_isDownForTheRestoreToo_andExposedUntilTheScriptsEnd() throws IOException {
        Timeline t = Timeline.model(example("rds-with-scripts.json"), StepOrder.ORIGINAL, D, 100);

        // stop 240 + restore 900 + 100 x 6 + delete 700 + rename 120
        assertThat(t.downtimeSeconds()).isEqualTo(2560);
        // after the rename: fix-tags 5 + password 60 + scripts 60 + 100 x 6
        assertThat(t.exposureSeconds()).isEqualTo(725);
        Timeline safe = Timeline.model(example("rds-with-scripts.json"), StepOrder.SAFE, D, 100);
        // the safe order waits neither for the stop (240, a task 1 there) nor for the deletion (700, a rename away 120)
        assertThat(t.totalSeconds() - safe.totalSeconds()).isEqualTo(239 + 580);
    }

    @Test
    void model_gracePeriod_renamesTheOldTargetAwayInsteadOfDeletingIt_soTheSwapIsTwoRenames() throws IOException {
        ObjectNode file = exampleJson("rds-with-scripts.json");
        // a grace period cannot go with stopdb (RDS renames only an available instance)
        ((ObjectNode) file.get("stopdb")).put("torun", false);
        RefreshPlan deleted = plan(file);
        ((ObjectNode) file.get("delete")).put("graceperiod", "3d");

        Timeline t = Timeline.model(plan(file), StepOrder.SAFE, D, 100);

        // rename away 120 + rename 120: no deletion, and the final snapshot (if any) waits for the kept copy's expiry
        assertThat(t.steps()).filteredOn(s -> s.step() == StepId.DELETE_OLD_DATABASE).singleElement()
                .extracting(Timeline.Span::seconds).isEqualTo(120L);
        assertThat(t.downtimeSeconds()).isEqualTo(240);
        // without it the swap is the same two renames: the old target is deleted once the copy holds the name
        assertThat(Timeline.model(deleted, StepOrder.SAFE, D, 100).downtimeSeconds()).isEqualTo(240);
        // the original deleted it in place: delete 420 with a final snapshot 180 + 100 x 1 + rename 120
        Timeline original = Timeline.model(deleted, StepOrder.ORIGINAL, D, 100);
        Timeline.Span delete = original.steps().stream().filter(s -> s.step() == StepId.DELETE_OLD_DATABASE).findFirst().orElseThrow();
        assertThat(delete.seconds()).isEqualTo(700);
    }

    @Test
    void model_auroraGracePeriod_renamesTheOldClusterAwayWithItsWriter_soTheSwapIsTwoRenames() throws IOException {
        ObjectNode file = exampleJson("aurora-fastcloning.json");
        ((ObjectNode) file.get("deletecluster")).put("graceperiod", "3d");

        Timeline t = Timeline.model(plan(file), StepOrder.SAFE, D, 100);

        // delete-old-database leaves the writer to delete-old-cluster: one task 1 + rename away 120 + rename cluster 120
        assertThat(t.steps()).filteredOn(s -> s.step() == StepId.DELETE_OLD_CLUSTER).singleElement()
                .extracting(Timeline.Span::seconds).isEqualTo(120L);
        assertThat(t.downtimeSeconds()).isEqualTo(241);
    }

    @Test
    void model_aFileWithoutScripts_isExposedWithNoEnd_inEitherOrder() throws IOException {
        RefreshPlan plan = example("rds-latestpoint.json");

        assertThat(Timeline.model(plan, StepOrder.SAFE, D, 100).exposureSeconds()).isNull();
        assertThat(Timeline.model(plan, StepOrder.ORIGINAL, D, 100).exposureSeconds()).isNull();
    }

    @Test
    void model_aurora_isDownFromTheOldWritersDeletionToTheClusterRename() throws IOException {
        Timeline t = Timeline.model(example("aurora-fastcloning.json"), StepOrder.SAFE, D, 100);

        // the writer stays with the old cluster (a task 1) + rename the cluster away 120 + rename cluster 120; the old
        // cluster is deleted with its final snapshot once the copy holds the name
        assertThat(t.downtimeSeconds()).isEqualTo(241);
        // the original deleted the writer 420, then the cluster 420 with its final snapshot 180 + 100, then renamed 120
        assertThat(Timeline.model(example("aurora-fastcloning.json"), StepOrder.ORIGINAL, D, 100).downtimeSeconds())
                .isGreaterThanOrEqualTo(1240);
    }

    @Test
    void measured_usesTheStepsOwnTimes() throws IOException {
        RefreshPlan plan = example("rds-with-scripts.json");
        Instant t0 = Instant.parse("2026-12-06T03:00:00Z");
        Map<StepId, Instant[]> steps = new LinkedHashMap<>();
        steps.put(StepId.PERFORM_RESTORE, new Instant[] {t0.plusSeconds(2), t0.plusSeconds(1200)});
        steps.put(StepId.CHANGE_ADMIN_PWD, new Instant[] {t0.plusSeconds(1200), t0.plusSeconds(1260)});
        steps.put(StepId.RUN_SCRIPTS, new Instant[] {t0.plusSeconds(1260), t0.plusSeconds(1500)});
        steps.put(StepId.STOP_OLD_DATABASE, new Instant[] {t0.plusSeconds(1500), t0.plusSeconds(1700)});
        steps.put(StepId.DELETE_OLD_DATABASE, new Instant[] {t0.plusSeconds(1700), t0.plusSeconds(2000)});
        steps.put(StepId.RENAME_DATABASE, new Instant[] {t0.plusSeconds(2000), t0.plusSeconds(2090)});
        steps.put(StepId.FIX_TAGS, new Instant[] {t0.plusSeconds(2090), null});

        Timeline t = Timeline.measured(plan, t0, steps, t0.plusSeconds(2100));

        // the stop step leaves an old target renamed away running: the name is dark from the rename away to the rename
        assertThat(t.downtimeSeconds()).isEqualTo(390);
        assertThat(t.exposureSeconds()).isZero();
        assertThat(t.totalSeconds()).isEqualTo(2100);
        assertThat(t.steps()).hasSize(6);
    }

    @Test
    void overrides_replaceTheDefaults_andEveryBadKeyIsListed() throws IOException {
        OperationDurations d = OperationDurations.withOverrides(Json.MAPPER.readTree("{\"rename\": 30}"));
        assertThat(d.get(OperationDurations.RENAME)).isEqualTo(30);
        assertThat(d.get(OperationDurations.STOP)).isEqualTo(D.get(OperationDurations.STOP));

        assertThatThrownBy(() -> OperationDurations.withOverrides(Json.MAPPER.readTree("{\"renme\": 30, \"stop\": -1, \"delete\": \"x\"}")))
                .hasMessageContaining("/renme: unknown operation").hasMessageContaining("/stop: must be a number")
                .hasMessageContaining("/delete: must be a number");
    }
}
