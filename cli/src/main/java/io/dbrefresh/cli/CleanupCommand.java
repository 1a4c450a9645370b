package io.dbrefresh.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import io.dbrefresh.rds.AuroraClusters;
import io.dbrefresh.rds.OldCopies;
import io.dbrefresh.rds.RdsInstances;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@code dbrefresh cleanup [TARGET]}: removes the old copies refreshes kept (delete.graceperiod)
 * whose grace period has ended. Run with your own AWS rights, like adopt.
 */
@Command(
        name = "cleanup",
        mixinStandardHelpOptions = true,
        description = {
                "Lists the old copies refreshes kept (delete.graceperiod, deletecluster.graceperiod) and deletes those whose"
                        + " grace period has ended, with a final snapshot when the refresh file asked for one (a cluster with its"
                        + " instances); of TARGET only, or of every target."
                        + " A copy with deletion protection on is left in place. Run with your own AWS rights.",
                "Exit status: 0 done, 2 AWS cannot be asked."})
final class CleanupCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    AwsOptions aws;

    @Option(names = "--dry-run", description = "Show the kept copies and which have expired, delete nothing.")
    boolean dryRun;

    @Parameters(paramLabel = "TARGET", arity = "0..1", description = "Only the old copies of this DB instance or Aurora DB cluster.")
    String target;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RdsInstances rds = new RdsInstances(aws.clients().rds());
        List<OldCopies> kinds = List.of(new OldCopies(rds), OldCopies.ofClusters(new AuroraClusters(rds)));
        String of = target == null ? null : target.toLowerCase(java.util.Locale.ROOT);
        Instant now = Instant.now();
        try {
            List<OldCopies.Copy> kept = kinds.stream().flatMap(k -> k.copiesOf(of).stream()).toList();
            if (kept.isEmpty()) {
                out.println("No old copy is kept" + (of == null ? "." : " of " + of + "."));
                return CommandLine.ExitCode.OK;
            }
            for (OldCopies.Copy c : kept) {
                out.println("  " + c.name() + ": old copy of " + c.copyOf() + ", " + c.status() + ", "
                        + (c.expired(now) ? "expired " : "kept until ") + c.expires());
            }
            if (dryRun) {
                out.println("Dry run: nothing deleted.");
                return CommandLine.ExitCode.OK;
            }
            List<String> removed = kinds.stream().flatMap(k -> k.removeExpired(of, now).stream()).toList();
            removed.forEach(out::println);
            out.println(removed.isEmpty() ? "Nothing has expired: nothing deleted." : "Done.");
            return CommandLine.ExitCode.OK;
        } catch (SdkException e) {
            return AwsFailure.of("dbrefresh cleanup", e, null, 2).print(err);
        } finally {
            out.flush();
            err.flush();
        }
    }
}
