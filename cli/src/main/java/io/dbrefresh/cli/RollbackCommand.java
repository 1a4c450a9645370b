package io.dbrefresh.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

import io.dbrefresh.execution.UnsafeTargetException;
import io.dbrefresh.rds.AuroraClusters;
import io.dbrefresh.rds.OldCopies;
import io.dbrefresh.rds.RdsInstances;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@code dbrefresh rollback TARGET}: swaps the old copy a refresh kept (delete.graceperiod, or
 * deletecluster.graceperiod for an Aurora cluster) back under the target's name. Run with your
 * own AWS rights, like adopt.
 */
@Command(
        name = "rollback",
        mixinStandardHelpOptions = true,
        description = {
                "Swaps the newest old copy of TARGET that a refresh kept (delete.graceperiod; deletecluster.graceperiod"
                        + " for an Aurora cluster) back under TARGET's name: the current TARGET is renamed to"
                        + " TARGET-old-<yyyymmddhhmm> and kept with the same expiry (so a second rollback swaps again), then"
                        + " the old copy takes the name. A cluster's instances are renamed with it. Read replicas stay"
                        + " with the instance they replicate; secrets are left as they are (the old copy answers to"
                        + " its own password). Run with your own AWS rights.",
                "Exit status: 0 rolled back, 1 refused (no kept copy, or a database not available), 2 AWS cannot be asked."})
final class RollbackCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    AwsOptions aws;

    @Parameters(paramLabel = "TARGET", description = "The DB instance or Aurora DB cluster identifier that was refreshed.")
    String target;

    /**
     * Rollback leaves secrets alone on purpose: the secret describes the refreshed copy, which is
     * kept (a second rollback brings it back, and its password with it); rewriting the secret
     * would need the old copy's password, which dbrefresh never had.
     */
    static final String SECRETS_NOTE = "secrets unchanged: the admin secret still holds the refreshed copy's password;"
            + " %s now answers to the password it had before the refresh";

    /** Seconds between two looks at RDS while a rename completes. */
    static final Duration EVERY = Duration.ofSeconds(10);
    static final Duration LIMIT = Duration.ofMinutes(30);

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String id = target.toLowerCase(java.util.Locale.ROOT);
        try {
            OldCopies copies = of(new RdsInstances(aws.clients().rds()), id);
            for (String line : copies.rollback(id, Instant.now(),
                    d -> Thread.sleep(d.toMillis()), EVERY, LIMIT)) {
                out.println(line);
            }
            out.println(SECRETS_NOTE.formatted(target.toLowerCase(java.util.Locale.ROOT)));
            return CommandLine.ExitCode.OK;
        } catch (UnsafeTargetException e) {
            err.println("dbrefresh rollback: refused: " + e.getMessage());
            return 1;
        } catch (SdkException e) {
            return AwsFailure.of("dbrefresh rollback", e, null, 2).print(err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The kept copies of a cluster when TARGET names a cluster or a cluster is kept for it; else of an instance. */
    static OldCopies of(RdsInstances rds, String id) {
        AuroraClusters clusters = new AuroraClusters(rds);
        OldCopies ofClusters = OldCopies.ofClusters(clusters);
        return clusters.find(id).isPresent() || !ofClusters.copiesOf(id).isEmpty() ? ofClusters : new OldCopies(rds);
    }
}
