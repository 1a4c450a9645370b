package io.dbrefresh.local;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import io.dbrefresh.aws.AwsClients;
import io.dbrefresh.history.HistoryTable;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.steps.StepEnvironment;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A whole refresh on this machine: moto on a free port, the emulated account seeded with
 * what the refresh file expects, the real state machine in the local engine, a summary.
 */
public final class LocalRefresh {

    /** The history table a local run uses when the refresh file names none. */
    public static final String LOCAL_HISTORY_TABLE = HistoryTable.DEFAULT_NAME;

    private final PrintWriter out;
    private final Path home;

    public LocalRefresh(PrintWriter out, Path home) {
        this.out = out;
        this.home = home;
    }

    /** How the run ended, for the caller's exit code. */
    public record Summary(String status, Duration took, String error, String cause) {
        public boolean succeeded() {
            return "SUCCEEDED".equals(status);
        }
    }

    /**
     * @param keepRunning after the run, leave moto up until the user presses Enter, so the
     *                    emulated account can be inspected with any AWS client
     */
    public Summary run(String refreshFileJson, RefreshPlan plan, boolean keepRunning) {
        String executionName = "local-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        try (MotoServer moto = MotoServer.start()) {
            AwsClients aws = AwsClients.forEndpoint(moto.endpoint(), Region.of(LocalExecution.REGION), "testing", "testing", null);
            out.println("AWS emulated by moto at " + moto.endpoint() + " (account " + LocalExecution.ACCOUNT + ", "
                    + LocalExecution.REGION + ")");
            try (EmulatedAccount account = new EmulatedAccount(aws)) {
                account.seed(plan, LOCAL_HISTORY_TABLE).forEach(line -> out.println("  seeded " + line));
                StepEnvironment env = new StepEnvironment(aws, Clock.systemUTC(), 0, LOCAL_HISTORY_TABLE, null);
                out.println();
                out.println("Refreshing " + plan.target() + " from " + plan.source() + " ("
                        + plan.restore().restoreType().json() + "), execution " + executionName);
                Instant t0 = Instant.now();
                ExecutionResult result = new LocalExecution(new LocalEngine(), env, home, null)
                        .run(refreshFileJson, executionName, new ProgressPrinter(out));
                Duration took = Duration.between(t0, Instant.now());
                printSummary(result, plan, aws, account, took);
                if (keepRunning) {
                    out.println();
                    out.println("The emulated account stays up at " + moto.endpoint() + " (credentials testing/testing, region "
                            + LocalExecution.REGION + "), e.g.:");
                    out.println("  aws --endpoint-url " + moto.endpoint() + " rds describe-db-instances");
                    out.println("Press Enter to stop it.");
                    out.flush();
                    try {
                        System.in.read();
                    } catch (java.io.IOException ignored) {
                        // end of input: stop as asked
                    }
                }
                out.flush();
                return new Summary(result.status(), took, result.error(), result.cause());
            }
        }
    }

    private void printSummary(ExecutionResult result, RefreshPlan plan, AwsClients aws, EmulatedAccount account, Duration took) {
        JsonNode last = lastState(result);
        JsonNode restore = last == null ? null : last.path("results").path("performRestore");
        out.println();
        out.println("Summary");
        row("status", result.status());
        row("target", plan.target() + " (" + plan.service().json() + ")");
        row("source", plan.source());
        row("restore type", plan.restore().restoreType().json());
        if (restore != null && restore.hasNonNull("snapshot")) {
            row("snapshot", restore.get("snapshot").asText());
        }
        row("data aligned to", restore != null && restore.hasNonNull("alignedTo") ? restore.get("alignedTo").asText() : "-");
        row("duration", String.format("%.1f s", took.toMillis() / 1000.0));
        if (!result.succeeded()) {
            row("error", result.error() + ": " + io.dbrefresh.steps.LambdaErrors.message(result.cause()));
        }
        String table = plan.tableName() != null ? plan.tableName() : LOCAL_HISTORY_TABLE;
        List<Map<String, AttributeValue>> rows = aws.dynamoDb().query(b -> b.tableName(table)
                .keyConditionExpression("dbinstance = :t")
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(plan.target())))).items();
        if (rows.isEmpty()) {
            row("history row", "none (update-dynamodb did not run)");
        } else {
            out.println("  history row (" + table + "):");
            new TreeMap<>(rows.get(rows.size() - 1)).forEach((k, v) -> out.printf("      %-14s %s%n", k, show(v)));
        }
        List<String> messages = account.notifications();
        if (messages.isEmpty()) {
            row("notification", plan.topicArn() == null ? "none (no topic configured)" : "none received");
        } else {
            out.println("  notification:");
            messages.get(messages.size() - 1).lines().forEach(l -> out.println("      " + l));
        }
    }

    /** A history attribute as text: strings and numbers as they are, a map as key=value pairs. */
    private static String show(AttributeValue v) {
        if (v.s() != null) {
            return v.s();
        }
        if (v.n() != null) {
            return v.n();
        }
        if (v.hasM()) {
            StringBuilder b = new StringBuilder();
            v.m().forEach((k, x) -> b.append(b.length() == 0 ? "" : ", ").append(k).append('=').append(show(x)));
            return b.toString();
        }
        return String.valueOf(v);
    }

    private void row(String label, String value) {
        out.printf("  %-16s %s%n", label, value);
    }

    /** The state after the last Task: the output of the last state that has results. */
    private static JsonNode lastState(ExecutionResult result) {
        for (int i = result.events().size() - 1; i >= 0; i--) {
            ExecutionEvent e = result.events().get(i);
            String json = e.output() != null ? e.output() : e.input();
            if (json == null) {
                continue;
            }
            try {
                JsonNode n = Json.MAPPER.readTree(json);
                if (n.has("results")) {
                    return n;
                }
            } catch (java.io.IOException ignored) {
                // not a state document
            }
        }
        return null;
    }
}
