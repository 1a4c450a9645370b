package io.dbrefresh.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.dbrefresh.rds.RdsInstances;
import io.dbrefresh.rds.RefreshTags;
import io.dbrefresh.rds.TargetAdoption;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@code dbrefresh adopt TARGET}: tags an existing non-production database so the deployed
 * orchestrator may refresh it. Run with your own AWS rights; the deployment cannot do it.
 */
@Command(
        name = "adopt",
        mixinStandardHelpOptions = true,
        description = {
                "Tags an existing non-production DB instance or Aurora cluster " + RefreshTags.MANAGED + "="
                        + RefreshTags.MANAGED_VALUE + " (with its read replicas or cluster instances), so the"
                        + " deployed orchestrator may stop, rename and delete it. Run with your own AWS rights.",
                "Refuses a database tagged dbrefresh:protected=true or environment/env=prod|production|prd,"
                        + " and the source (or a replica of the source) of any refresh file given with --file.",
                "Exit status: 0 adopted (or already adopted), 1 refused or a --file is invalid, 2 a --file cannot be read, or AWS cannot be asked."})
final class AdoptCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    AwsOptions aws;

    @Option(names = "--file", paramLabel = "FILE",
            description = "A refresh file whose source must not be adopted (repeatable); usually the target's own file.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--dry-run", description = "Show what would be tagged, tag nothing.")
    boolean dryRun;

    @Parameters(paramLabel = "TARGET", description = "The DB instance or DB cluster identifier.")
    String target;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> sources = new ArrayList<>();
        for (Path file : files) {
            CheckedRefreshFile checked = CheckedRefreshFile.read(file, err, "cannot tell its source");
            if (!checked.valid()) {
                err.flush();
                return checked.exitCode();
            }
            if (checked.plan().source() != null) {
                sources.add(checked.plan().source());
            }
        }
        TargetAdoption adoption = new TargetAdoption(new RdsInstances(aws.clients().rds()));
        try {
            TargetAdoption.Plan plan = adoption.plan(target, sources);
            out.println((dryRun ? "Would adopt " : "Adopting ") + target + " (tag " + RefreshTags.MANAGED + "="
                    + RefreshTags.MANAGED_VALUE + "):");
            for (TargetAdoption.Member m : plan.members()) {
                out.println("  " + m.kind() + " " + m.name() + " (" + m.role() + "): "
                        + (m.managed() ? "already managed" : dryRun ? "would be tagged" : "to tag"));
            }
            if (plan.refused()) {
                plan.refusals().forEach(r -> err.println("dbrefresh adopt: refused: " + r));
                err.println("dbrefresh adopt: nothing tagged");
                return 1;
            }
            if (dryRun) {
                out.println("Dry run: nothing tagged (" + plan.toTag().size() + " to tag).");
                return CommandLine.ExitCode.OK;
            }
            List<TargetAdoption.Member> tagged = adoption.adopt(plan);
            out.println(tagged.isEmpty()
                    ? target + " was already adopted: nothing tagged."
                    : "Tagged " + tagged.size() + ": " + String.join(", ", tagged.stream().map(TargetAdoption.Member::name).toList())
                            + ". The deployment may now refresh " + target + ".");
            return CommandLine.ExitCode.OK;
        } catch (SdkException e) {
            return AwsFailure.of("dbrefresh adopt", e, null, 2).print(err);
        } finally {
            out.flush();
            err.flush();
        }
    }
}
