package io.dbrefresh.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.dbrefresh.local.EngineDirectory;
import io.dbrefresh.local.ExecutionCounts;
import io.dbrefresh.local.LocalRefresh;
import io.dbrefresh.refreshfile.RefreshFileResult;
import io.dbrefresh.refreshfile.RefreshFiles;
import io.dbrefresh.timeline.ExecutionCost;
import io.dbrefresh.timeline.OperationDurations;
import io.dbrefresh.timeline.PollSchedule;
import io.dbrefresh.timeline.StepOrder;
import io.dbrefresh.timeline.Timeline;

/**
 * The timeline benchmark's measured half: every example refresh file run locally through the
 * real state machine (moto, the embedded database server), its state transitions and Lambda
 * invocations counted from the execution's history, beside the model's count for the same file
 * when every check finds its operation done (what a local run does, and what the check step's
 * schedule does when every operation ends as the model expects: its first check comes then),
 * and the model's counts with polling every wait_time and every 60 s over the modelled durations
 * (100 GiB), with the measured count's ratio to the latter. Only the safe order can be
 * measured: the generated definition has no other. Run with
 * {@code mvn -o -pl src/test -am verify -Dit.test=LocalRunCountsBench -Dtest=NoSuch
 * -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false}; writes {@code target/bench/local-run-counts.md}.
 */
class LocalRunCountsBench {

    private static final Path HOME = EngineDirectory.findHome();

    @Test
    void examples_measuredInLocalRuns_besideTheModel() throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("| file | status | measured transitions | measured Lambda invocations | model, one check each | model, wait_time polling"
                + " | model, every 60 s | measured / every 60 s (transitions) |");
        lines.add("| --- | --- | --- | --- | --- | --- | --- | --- |");
        List<Path> files;
        try (Stream<Path> s = Files.list(HOME.resolve("refresh-files"))) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        int matched = 0;
        for (Path file : files) {
            String json = Files.readString(file);
            RefreshFileResult read = RefreshFiles.read(json);
            assertThat(read.errors()).as(file.toString()).isEmpty();
            StringWriter out = new StringWriter();
            LocalRefresh.Summary summary;
            try {
                summary = new LocalRefresh(new PrintWriter(out, true), HOME).run(json, read.plan(),
                        new LocalRefresh.Options(null, null, false, null));
            } catch (LocalRefresh.LocalRunException e) {
                // a source in another account or region: a local run emulates one account
                lines.add("| " + file.getFileName() + " | not run locally (another account's source) | - | - | - | - | - | - |");
                continue;
            }
            ExecutionCounts measured = summary.counts();
            ExecutionCost least = ExecutionCost.oneCheckEach(read.plan());
            Timeline modelled = Timeline.model(read.plan(), StepOrder.SAFE, OperationDurations.defaultTable(), 100);
            ExecutionCost polled = ExecutionCost.everyWaitTime(read.plan(), modelled);
            ExecutionCost every60 = ExecutionCost.polled(read.plan(), modelled, (step, planned, seconds) -> PollSchedule.fixed(60));
            if (measured != null && measured.transitions() == least.transitions() && measured.invocations() == least.invocations()) {
                matched++;
            }
            lines.add(String.format(Locale.ROOT, "| %s | %s | %s | %s | %d / %d | %d / %d | %d / %d | %s |", file.getFileName(),
                    summary.status(), measured == null ? "-" : measured.transitions(), measured == null ? "-" : measured.invocations(),
                    least.transitions(), least.invocations(), polled.transitions(), polled.invocations(),
                    every60.transitions(), every60.invocations(), measured == null ? "-"
                            : String.format(Locale.ROOT, "%.2f", (double) measured.transitions() / every60.transitions())));
        }
        String table = String.join("\n", lines) + "\n";
        System.out.println("local runs of the real state machine, safe order (" + matched + " of " + files.size()
                + " match the model's one-check count):\n" + table);
        Path written = Path.of("target", "bench", "local-run-counts.md");
        Files.createDirectories(written.getParent());
        Files.writeString(written, table);
    }
}
