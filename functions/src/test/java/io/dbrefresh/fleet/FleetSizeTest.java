package io.dbrefresh.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbrefresh.refreshfile.Json;

/**
 * How many refreshes one fleet can hold while its refresh files travel in the fleet state
 * machine's execution input, and while only their S3 keys do: a fleet of the example refresh files
 * (RDS and Aurora; latest point, point in time, snapshot; one with scripts), each copied under its
 * own target name, aligned. The input alone would fit more than the state can carry once every
 * target's result is in it, so {@code start --fleet} checks the state's largest size (and stores
 * the files in S3 when they do not fit), and fleets.md gives these numbers.
 */
class FleetSizeTest {

    /** The examples an aligned fleet may hold (not fastcloning, which alignment refuses; not cross-account). */
    private static final List<String> EXAMPLES = List.of("rds-latestpoint.json", "rds-restorepoint.json", "rds-fromsnapshot.json",
            "rds-with-scripts.json", "aurora-latestpoint.json", "aurora-restorepoint.json");
    private static final int MOST = 400;
    private static final int STORED_MOST = 1000;

    @TempDir
    Path dir;

    @Test
    void aFleetOfTheExampleFiles_fitsItsInputUpToAbout200Refreshes_butItsStateOnlyUpToAbout145_andStartChecksTheState() throws IOException {
        Fleet all = examples(MOST);

        int byInput = largestFitting(all, input -> input.toString().getBytes(StandardCharsets.UTF_8).length);
        int byState = largestFitting(all, FleetExecutionInput::largestStateBytes);
        System.out.printf("fleet of the example files: the input fits up to %d refreshes, the fleet's state up to %d%n", byInput, byState);

        assertThat(byState).as("the state, with the aligned files and every result, binds before the input").isLessThan(byInput);
        assertThat(byInput).isBetween(180, 215);
        assertThat(byState).isBetween(130, 160);
        assertThat(FleetExecutionInput.tooLarge(FleetExecutionInput.of(first(all, byState)))).isEmpty();
        assertThat(FleetExecutionInput.tooLarge(FleetExecutionInput.of(first(all, byState + 1)))).get().asString()
                .contains("of Step Functions' 256 KiB: split the fleet");
    }

    @Test
    void aFleetWhoseFilesAreStoredInS3_holdsAKeyPerRefresh_andItsStateFitsAbout480Refreshes() throws IOException {
        Fleet all = examples(STORED_MOST);
        // the longest execution name start --fleet can give: every key is as long as it can be
        String execution = "x".repeat(80);
        Function<Fleet, ObjectNode> stored = fleet -> FleetExecutionInput.stored(fleet, "dbrefresh-scripts-123456789012", execution).input();

        int byState = largestFitting(all, stored, FleetExecutionInput::largestStateBytes, STORED_MOST);
        System.out.printf("fleet of the example files stored in S3: the fleet's state fits up to %d refreshes%n", byState);

        assertThat(stored.apply(first(all, 1)).path("waves").path(0).path(0).fieldNames()).toIterable()
                .containsExactly("target", "key");
        assertThat(byState).isBetween(440, 520);
        assertThat(FleetExecutionInput.tooLarge(stored.apply(first(all, byState)))).isEmpty();
        assertThat(FleetExecutionInput.tooLarge(stored.apply(first(all, byState + 1)))).isPresent();
    }

    private static int largestFitting(Fleet all, ToLongFunction<ObjectNode> size) {
        return largestFitting(all, FleetExecutionInput::of, size, MOST);
    }

    private static int largestFitting(Fleet all, Function<Fleet, ObjectNode> input, ToLongFunction<ObjectNode> size, int most) {
        int low = 0;
        int high = all.members().size();
        while (low < high) {
            int mid = (low + high + 1) / 2;
            if (size.applyAsLong(input.apply(first(all, mid))) <= FleetExecutionInput.MAX_BYTES) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        assertThat(low).as("more than " + most + " fit: widen the search").isLessThan(most);
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
