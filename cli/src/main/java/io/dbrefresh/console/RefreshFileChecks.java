package io.dbrefresh.console;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbrefresh.cli.PlanTable;
import io.dbrefresh.cli.TimelineTable;
import io.dbrefresh.preflight.Preflight;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.refreshfile.Problem;
import io.dbrefresh.refreshfile.RefreshFileResult;
import io.dbrefresh.refreshfile.RefreshFiles;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.timeline.OperationDurations;

/**
 * What the console shows about a refresh file: the reader's problems by JSON path and the
 * plan, as {@code validate} and {@code plan} print them (the same classes make both), the
 * modelled timeline as {@code plan --timeline} prints it, and the pre-flight's findings.
 * Answers carry problems and plans only, never the file back, so a password typed into the
 * file is not echoed.
 */
final class RefreshFileChecks {

    /** The answer of {@code POST /api/check}: {@code valid}, {@code errors}, {@code warnings}, {@code plan} (text or null). */
    ObjectNode check(String file) {
        return answer(RefreshFiles.read(file));
    }

    /** The answer of {@code POST /api/timeline}: the check, plus {@code timeline} (text) when the file is valid. */
    ObjectNode timeline(String file, double sizeGib) {
        if (!(sizeGib > 0) || sizeGib > 1_000_000) {
            throw new ApiRequest.BadRequest("/sizeGib", "must be more than 0 and at most 1000000 (GiB)");
        }
        RefreshFileResult result = RefreshFiles.read(file);
        ObjectNode answer = answer(result);
        RefreshPlan plan = result.plan();
        answer.put("timeline", plan == null ? null : print(out -> TimelineTable.print(out, plan,
                OperationDurations.defaultTable(), sizeGib, "the default durations")));
        return answer;
    }

    /**
     * The answer of {@code POST /api/preflight}: the file's own problems, or, when it has none,
     * what the account lacks (the pre-flight's problems, as {@code validate --online} lists them)
     * and its warnings after the file's.
     */
    ObjectNode preflight(String file, Function<RefreshPlan, Preflight.Findings> preflight) {
        RefreshFileResult offline = RefreshFiles.read(file);
        if (offline.plan() == null) {
            ObjectNode answer = answer(offline);
            answer.put("checked", "file");
            return answer;
        }
        Preflight.Findings found = preflight.apply(offline.plan());
        List<Problem> warnings = new ArrayList<>(offline.warnings());
        warnings.addAll(found.warnings());
        ObjectNode answer = answer(new RefreshFileResult(found.problems().isEmpty() ? offline.plan() : null, found.problems(), warnings));
        answer.put("checked", "account");
        return answer;
    }

    private static ObjectNode answer(RefreshFileResult result) {
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.put("valid", result.valid());
        answer.set("errors", problems(result.errors()));
        answer.set("warnings", problems(result.warnings()));
        RefreshPlan plan = result.plan();
        if (plan == null) {
            answer.putNull("plan");
        } else {
            answer.put("plan", print(out -> PlanTable.print(out, plan)));
            answer.put("target", plan.target());
        }
        return answer;
    }

    static ArrayNode problems(List<Problem> problems) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (Problem p : problems) {
            list.addObject().put("path", p.path()).put("message", p.message());
        }
        return list;
    }

    private static String print(java.util.function.Consumer<PrintWriter> printer) {
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            printer.accept(out);
        }
        return text.toString();
    }
}
