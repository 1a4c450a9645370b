package io.dbrefresh.timeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.dbrefresh.refreshfile.RefreshFileResult;
import io.dbrefresh.refreshfile.RefreshFiles;

/**
 * The timeline model's figures for every example refresh file, the original order beside the
 * safe one: total, downtime, exposure, state transitions, Lambda invocations and cost per
 * refresh. Run with {@code mvn -q -pl functions -Pbench test -Dtest=TimelineBench}
 * ({@code -Dbench.sizeGib=N}, default 100); writes {@code functions/target/bench/timeline.md}.
 */
class TimelineBench {

    @Test
    void examples_originalOrderBesideTheSafeOne() throws IOException {
        double size = Double.parseDouble(System.getProperty("bench.sizeGib", "100"));
        OperationDurations d = OperationDurations.defaultTable();
        List<String> lines = new ArrayList<>();
        lines.add("| file | order | total | downtime | exposure | transitions | Lambda invocations | cost per refresh (USD) |");
        lines.add("| --- | --- | --- | --- | --- | --- | --- | --- |");
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("..", "refresh-files"))) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        for (Path file : files) {
            RefreshFileResult r = RefreshFiles.read(Files.readString(file));
            if (r.plan() == null) {
                throw new IllegalStateException(file + " is invalid: " + r.errors());
            }
            for (StepOrder order : List.of(StepOrder.ORIGINAL, StepOrder.SAFE)) {
                Timeline t = Timeline.model(r.plan(), order, d, size);
                // the original solution polled every wait_time; this project's check step follows the model
                ExecutionCost c = order == StepOrder.ORIGINAL ? ExecutionCost.everyWaitTime(r.plan(), t) : ExecutionCost.of(r.plan(), t);
                lines.add(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %d | %d | %.5f |", file.getFileName(),
                        order.name().toLowerCase(Locale.ROOT), minutes(t.totalSeconds()), minutes(t.downtimeSeconds()),
                        t.exposureSeconds() == null ? "no end" : minutes(t.exposureSeconds()), c.transitions(), c.invocations(),
                        c.dollars()));
            }
        }
        lines.add("");
        lines.addAll(pollingTable(files, d, size));
        String table = String.join("\n", lines) + "\n";
        System.out.println("timeline model, " + size + " GiB, default durations:\n" + table);
        Path out = Path.of("target", "bench", "timeline.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table);
    }

    /**
     * The safe order's transitions with a check every 60 s against the check step's own schedule
     * ({@link PollSchedule#forStep}: the first at each step's modelled end, then every
     * {@code wait_time}, at most {@link PollSchedule#TIGHT} s), and the largest added detection
     * latency of a polled step under each: when every operation ends when the model says, and
     * the worst for one that ends after its first check (an overrun). Beside them, the fewest
     * transitions the definition allows (one check per polled step, {@link ExecutionCost#oneCheckEach}),
     * which the schedule must reach (asserted), and the transitions of the polling itself (each
     * check's Wait, check Task and {@code done?} Choice) under each schedule: what a schedule can
     * change, the rest being entered by every execution whatever its schedule.
     */
    private static List<String> pollingTable(List<Path> files, OperationDurations d, double size) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("| file | transitions, every 60 s | transitions, check step's schedule | ratio | fewest the definition allows (one check per polled step) | of them, polling (Wait, check, done?): every 60 s / check step's schedule | added latency per polled step, every 60 s: as modelled / worst | check step's schedule: as modelled / worst (overrun) |");
        lines.add("| --- | --- | --- | --- | --- | --- | --- | --- |");
        long fixedSum = 0;
        long modelSum = 0;
        long fixedPollingSum = 0;
        long modelPollingSum = 0;
        for (Path file : files) {
            RefreshFileResult r = RefreshFiles.read(Files.readString(file));
            Timeline t = Timeline.model(r.plan(), StepOrder.SAFE, d, size);
            ExecutionCost fixed = ExecutionCost.polled(r.plan(), t, (step, planned, seconds) -> PollSchedule.fixed(60));
            ExecutionCost model = ExecutionCost.of(r.plan(), t);
            long floor = ExecutionCost.oneCheckEach(r.plan()).transitions();
            if (model.transitions() != floor) {
                throw new IllegalStateException(file + ": the check step's schedule takes " + model.transitions()
                        + " transitions, not the fewest the definition allows, " + floor);
            }
            long fixedLatency = 0;
            long modelLatency = 0;
            long modelWorst = 0;
            long fixedPolling = 0;
            long modelPolling = 0;
            for (io.dbrefresh.refreshfile.StepId step : io.dbrefresh.refreshfile.StepId.values()) {
                if (step.polled() && r.plan().runs(step)) {
                    long seconds = ExecutionCost.modelled(t, step);
                    PollSchedule schedule = PollSchedule.forStep(r.plan(), step, size);
                    if (schedule.firstWait() != Math.max(1, seconds)) {
                        throw new IllegalStateException(file + " " + step + ": the check step's first wait " + schedule.firstWait()
                                + " s is not the modelled " + seconds + " s");
                    }
                    // each check: its Wait, the check Task and done? again
                    fixedPolling += 3 * PollSchedule.fixed(60).checks(seconds);
                    modelPolling += 3 * schedule.checks(seconds);
                    fixedLatency = Math.max(fixedLatency, PollSchedule.fixed(60).latency(seconds));
                    modelLatency = Math.max(modelLatency, schedule.latency(seconds));
                    modelWorst = Math.max(modelWorst, schedule.every() - 1);
                }
            }
            fixedSum += fixed.transitions();
            modelSum += model.transitions();
            fixedPollingSum += fixedPolling;
            modelPollingSum += modelPolling;
            lines.add(String.format(Locale.ROOT, "| %s | %d | %d | %.2f | %d | %d / %d (%.2f) | %d s / 59 s | %d s / %d s |", file.getFileName(),
                    fixed.transitions(), model.transitions(), (double) model.transitions() / fixed.transitions(), floor, fixedPolling,
                    modelPolling, (double) modelPolling / fixedPolling, fixedLatency, modelLatency, modelWorst));
        }
        lines.add(String.format(Locale.ROOT, "| all files | %d | %d | %.2f | | %d / %d (%.2f) | | |", fixedSum, modelSum,
                (double) modelSum / fixedSum, fixedPollingSum, modelPollingSum, (double) modelPollingSum / fixedPollingSum));
        return lines;
    }

    private static String minutes(long seconds) {
        return String.format(Locale.ROOT, "%.1f min", seconds / 60.0);
    }
}
