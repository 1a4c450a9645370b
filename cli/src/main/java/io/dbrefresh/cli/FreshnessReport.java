package io.dbrefresh.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.fleet.Fleet;
import io.dbrefresh.fleet.FleetFiles;
import io.dbrefresh.fleet.FleetFreshness;
import io.dbrefresh.fleet.FleetResult;
import io.dbrefresh.fleet.Freshness;
import io.dbrefresh.fleet.TargetFreshness;
import io.dbrefresh.history.HistoryTable;
import io.dbrefresh.history.RefreshRecord;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.refreshfile.Problem;
import software.amazon.awssdk.core.exception.SdkException;

/** {@code dbrefresh history --fresh}: is every database of an application (or a fleet) refreshed and fresh enough. */
final class FreshnessReport {

    private FreshnessReport() {
    }

    static int run(HistoryCommand c, PrintWriter out, PrintWriter err) {
        if (!c.fresh || c.query.fleet == null && c.query.application == null) {
            err.println("dbrefresh history: --fresh takes --application APP or --fleet FLEET (and --fleet goes with --fresh)");
            return 2;
        }
        if (c.query.fleet != null && c.maxAge != null) {
            err.println("dbrefresh history: --max-age goes with --application; a fleet's freshness target is its maxage");
            return 2;
        }
        FleetResult read;
        Path shown;
        if (c.query.fleet != null) {
            shown = c.query.fleet;
            read = FleetInput.read(c.query.fleet, err, "no report");
            if (read == null) {
                return 2;
            }
        } else {
            // the application's databases are the ones its refresh files declare: read as a fleet of that application
            ObjectNode synthetic = Json.MAPPER.createObjectNode().put("name", "application-" + c.query.application.replaceAll("[^A-Za-z0-9._-]", "-"))
                    .put("application", c.query.application).put("folder", c.folder.toAbsolutePath().toString());
            if (c.maxAge != null) {
                synthetic.put("maxage", c.maxAge);
            }
            shown = c.folder;
            read = FleetFiles.read(synthetic.toString(), Path.of("."), Clock.systemUTC());
            if (!read.valid()) {
                for (Problem p : read.errors()) {
                    err.println("dbrefresh history: " + (p.path().equals("/maxage") ? "--max-age " + c.maxAge + ": must be minutes, hours or days, e.g. 90m, 12h, 7d"
                            : p.path().equals("/application") || p.path().equals("/folder") ? p.message() : p.toString()));
                }
                return read.errors().stream().anyMatch(p -> p.path().equals("/maxage") || p.path().equals("/folder")) ? 2 : 1;
            }
        }
        if (!read.valid()) {
            return 1;
        }
        Fleet fleet = read.fleet();
        String table = HistoryTable.nameFor(c.table, System.getenv(StepEnvironment.HISTORY_TABLE_ENV));
        List<TargetFreshness> report;
        try {
            report = new FleetFreshness(new HistoryTable(c.aws.clients().dynamoDb()), Clock.systemUTC()).report(fleet, table);
        } catch (SdkException e) {
            return AwsFailure.of("dbrefresh history: cannot read " + table, e, null, 2).print(err);
        }
        print(out, fleet, shown, report);
        out.flush();
        return report.stream().allMatch(TargetFreshness::fresh) ? 0 : 1;
    }

    static void print(PrintWriter out, Fleet fleet, Path shown, List<TargetFreshness> report) {
        long fresh = report.stream().filter(TargetFreshness::fresh).count();
        out.println((fleet.name().startsWith("application-") ? "application " + fleet.members().get(0).plan().application() + " (" + shown + ")"
                : "fleet " + fleet.name()) + ": " + fresh + " of " + report.size() + " fresh; freshness target "
                + (fleet.maxAge() == null ? "none" : Freshness.age(fleet.maxAge())));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"DATABASE", "APP/ENV", "LAST REFRESH", "ALIGNED TO", "SOURCE", "AGE", "FRESH", "DETAIL"});
        for (TargetFreshness t : report) {
            RefreshRecord s = t.lastSuccess();
            rows.add(new String[] {t.member().target(),
                    t.member().plan().application() + "/" + t.member().plan().environment(),
                    s == null ? "never" : s.restoreDate().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
                    s == null || s.alignedTo() == null ? "-" : s.alignedTo().toString(),
                    s == null ? t.member().plan().source() : s.source(),
                    Freshness.age(t.age()),
                    t.fresh() ? "yes" : "no",
                    t.reason()});
        }
        FleetPlanTable.printRows(out, rows);
    }
}
