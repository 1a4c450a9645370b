package io.dbrefresh.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import io.dbrefresh.rds.AuroraClusters;
import io.dbrefresh.rds.OldCopies;
import io.dbrefresh.rds.RdsInstances;
import io.dbrefresh.rds.SnapshotHousekeeping;
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
 * whose grace period has ended, and the snapshots dbrefresh made beyond their retention
 * (delete.snapshotretention) or no longer needed. Run with your own AWS rights, like adopt.
 */
@Command(
        name = "cleanup",
        mixinStandardHelpOptions = true,
        description = {
                "Lists the old copies refreshes kept (delete.graceperiod, deletecluster.graceperiod) and deletes those whose"
                        + " grace period has ended, with a final snapshot when the refresh file asked for one (a cluster with its"
                        + " instances); of TARGET only, or of every target."
                        + " A copy with deletion protection on is left in place."
                        + " Also lists the snapshots dbrefresh made (final snapshots, kmskeyid copies) and deletes the final"
                        + " snapshots beyond the retention the target's newest one records (delete.snapshotretention) and the"
                        + " copies older than two days; a snapshot dbrefresh did not make is never deleted."
                        + " Run with a source account's credentials, it also deletes the cross-account copies (dbrefresh-xa-...)"
                        + " older than two days that refreshes left there."
                        + " Run with your own AWS rights.",
                "Exit status: 0 done, 2 AWS cannot be asked."})
final class CleanupCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    AwsOptions aws;

    @Option(names = "--dry-run", description = "Show the kept copies and which have expired, and the snapshots that would be deleted; delete nothing.")
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
            }
            for (OldCopies.Copy c : kept) {
                out.println("  " + c.name() + ": old copy of " + c.copyOf() + ", " + c.status() + ", "
                        + (c.expired(now) ? "expired " : "kept until ") + c.expires());
            }
            SnapshotHousekeeping snapshots = new SnapshotHousekeeping(rds);
            printSnapshots(out, snapshots.owned(of));
            if (dryRun) {
                snapshots.cleanup(of, now, true).forEach(out::println);
                out.println("Dry run: nothing deleted.");
                return CommandLine.ExitCode.OK;
            }
            List<String> removed = new java.util.ArrayList<>(kinds.stream().flatMap(k -> k.removeExpired(of, now).stream()).toList());
            removed.addAll(snapshots.cleanup(of, now, false));
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

    /** The snapshots dbrefresh made, per target, with the retention each target's newest final snapshot records. */
    private static void printSnapshots(PrintWriter out, java.util.Map<String, List<SnapshotHousekeeping.Owned>> owned) {
        if (owned.isEmpty()) {
            out.println("No snapshot made by dbrefresh is found.");
            return;
        }
        owned.forEach((target, list) -> {
            out.println("Snapshots of " + target + " made by dbrefresh:");
            for (SnapshotHousekeeping.Owned o : list) {
                String kind = switch (o.kind()) {
                    case FINAL -> "final snapshot";
                    case COPY -> "temporary copy";
                    case SHARED_COPY -> "cross-account copy made here for a refresh in another account";
                };
                out.println("  " + o.name() + ": " + kind
                        + ", " + o.status() + ", made " + o.created()
                        + (o.retention() == null ? "" : ", retention " + o.retention().text()));
            }
        });
    }
}
