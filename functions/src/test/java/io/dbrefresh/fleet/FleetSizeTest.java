package io.dbrefresh.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToLongFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbrefresh.refreshfile.Json;

/**
 * How many refreshes one fleet can hold while its refresh files travel in the fleet state
 * machine's execution input: a fleet of the example refresh files (RDS and Aurora; latest point,
 * point in time, snapshot; one with scripts), each copied under its own target name, aligned.
 * The input alone would fit more than the state can carry once every target's result is in it,
 * so {@code start --fleet} checks the state's largest size, and fleets.md gives these numbers.
 */
class FleetSizeTest {

    /** The examples an aligned fleet may hold (not fastcloning, which alignment refuses; not cross-account). */
    private static final List<String> EXAMPLES = List.of("rds-latestpoint.json", "rds-restorepoint.json", "rds-fromsnapshot.json",
            "rds-with-scripts.json", "aurora-latestpoint.json", "aurora-restorepoint.json");
    private static final int MOST = 400;

    @TempDir
    Path dir;

    @Test
    void aFleetOfTheExampleFiles_fitsItsInputUpToAbout200Refreshes_butItsStateOnlyUpToAbout130_andStartChecksTheState() throws IOException {
        Fleet all = examples(MOST);

        int byInput = largestFitting(all, input -> input.toString().getBytes(StandardCharsets.UTF_8).length);
        int byState = largestFitting(all, FleetExecutionInput::largestStateBytes);
        System.out.printf("fleet of the example files: the input fits up to %d refreshes, the fleet's state up to %d%n", byInput, byState);

        assertThat(byState).as("the state, with every result twice, binds before the input").isLessThan(byInput);
        assertThat(byInput).isBetween(180, 215);
        assertThat(byState).isBetween(120, 145);
        assertThat(FleetExecutionInput.tooLarge(FleetExecutionInput.of(first(all, byState)))).isEmpty();
        assertThat(FleetExecutionInput.tooLarge(FleetExecutionInput.of(first(all, byState + 1)))).get().asString()
                .contains("of Step Functions' 256 KiB: split the fleet");
    }

    private static int largestFitting(Fleet all, ToLongFunction<ObjectNode> size) {
        int low = 0;
        int high = all.members().size();
        while (low < high) {
            int mid = (low + high + 1) / 2;
            if (size.applyAsLong(FleetExecutionInput.of(first(all, mid))) <= FleetExecutionInput.MAX_BYTES) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        assertThat(low).as("more than " + MOST + " fit: widen the search").isLessThan(MOST);
        return low;
    }

    private static Fleet first(Fleet all, int n) {
        return new Fleet(all.name(), all.members().subList(0, n), all.maxConcurrency(), all.tolerance(), all.order(),
                all.maxAge(), all.alignment());
    }

    /** {@code n} refresh files, the examples in turn, each under a target name of its own. */
    private Fleet examples(int n) throws IOException {
        for (int i = 0; i < n; i++) {
            String example = EXAMPLES.get(i % EXAMPLES.size());
            String text = Files.readString(FleetFilesTest.EXAMPLES.resolve(example));
            JsonNode restore = Json.MAPPER.readTree(text).path("restore");
            String target = restore.path("target").asText(restore.path("targetcluster").asText());
            // every name made of the target's (the target, its temp copy, its replicas) follows it
            Files.writeString(dir.resolve(String.format("f%03d-%s", i, example)),
                    text.replace("\"" + target, "\"" + target + "n" + i));
        }
        FleetResult read = FleetFiles.read("{\"name\": \"large\", \"folder\": \".\", \"align\": true}", dir, FleetFilesTest.CLOCK);
        assertThat(read.errors()).isEmpty();
        assertThat(read.fleet().members()).hasSize(n);
        return read.fleet();
    }
}
