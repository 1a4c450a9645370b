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
                ExecutionCost c = ExecutionCost.of(r.plan(), t);
                lines.add(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %d | %d | %.5f |", file.getFileName(),
                        order.name().toLowerCase(Locale.ROOT), minutes(t.totalSeconds()), minutes(t.downtimeSeconds()),
                        t.exposureSeconds() == null ? "no end" : minutes(t.exposureSeconds()), c.transitions(), c.invocations(),
                        c.dollars()));
            }
        }
        String table = String.join("\n", lines) + "\n";
        System.out.println("timeline model, " + size + " GiB, default durations:\n" + table);
        Path out = Path.of("target", "bench", "timeline.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table);
    }

    private static String minutes(long seconds) {
        return String.format(Locale.ROOT, "%.1f min", seconds / 60.0);
    }
}
