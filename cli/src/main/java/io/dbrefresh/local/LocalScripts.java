package io.dbrefresh.local;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.ScriptsSpec;
import io.dbrefresh.refreshfile.StepId;
import io.dbrefresh.scripts.ReportStore;
import io.dbrefresh.scripts.RunReport;
import io.dbrefresh.scripts.RunReportText;
import io.dbrefresh.scripts.SqlDialect;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The scripts side of a local run: which engine family backs the databases, what
 * "production" is loaded with, the runscripts keys read from a folder of this machine into
 * the emulated bucket, and the run report printed afterwards. Everything a local run cannot
 * do is said before anything starts.
 */
final class LocalScripts {

    /** The sample "production" database of each family, in the clone. */
    static final String SAMPLE = "sample-production.sql";

    private final ScriptsSpec spec;
    private final Path dir;

    private LocalScripts(ScriptsSpec spec, Path dir) {
        this.spec = spec;
        this.dir = dir;
    }

    /** The sql-samples folder of a family. */
    static Path samples(Path home, SqlDialect dialect) {
        return home.resolve("sql-samples").resolve(samplesFolder(dialect));
    }

    static String samplesFolder(SqlDialect dialect) {
        return dialect.family();
    }

    /**
     * Checks that the run's scripts can be had: {@code method: lambda} (the SSM method needs an
     * EC2 instance, which a local run does not have) and every key present in {@code scriptsDir}
     * (default: the family's sql-samples folder).
     *
     * @throws LocalRefresh.LocalRunException listing every key that is missing
     */
    static LocalScripts check(RefreshPlan plan, Path home, Path scriptsDir, SqlDialect dialect) {
        ScriptsSpec spec = plan.runs(StepId.RUN_SCRIPTS) ? plan.scripts() : null;
        if (spec == null) {
            return new LocalScripts(null, null);
        }
        if ("ec2".equalsIgnoreCase(spec.method())) {
            throw new LocalRefresh.LocalRunException("local run: runscripts method ec2 runs the scripts on an EC2 instance through SSM"
                    + " Run Command, which a local run cannot emulate; set \"method\": \"lambda\" to try the scripts here");
        }
        Path dir = scriptsDir != null ? scriptsDir : samples(home, dialect);
        List<String> missing = new ArrayList<>();
        for (String key : spec.keys()) {
            if (!Files.isRegularFile(dir.resolve(key))) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            throw new LocalRefresh.LocalRunException("local run: runscripts keys not found in " + dir + ": " + String.join(", ", missing)
                    + (scriptsDir == null ? " (pass --scripts DIR with the files the keys name)" : ""));
        }
        return new LocalScripts(spec, dir);
    }

    /** Creates the bucket and puts the keys under the prefix; one line per thing created. */
    List<String> upload(S3Client s3) {
        if (spec == null) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        try {
            s3.createBucket(b -> b.bucket(spec.bucket()));
        } catch (software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException | software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException e) {
            // a fleet's refresh files may share one bucket of scripts
        }
        for (String key : spec.keys()) {
            String objectKey = spec.prefix() == null || spec.prefix().isEmpty() ? key : spec.prefix().replaceAll("/+$", "") + "/" + key;
            s3.putObject(b -> b.bucket(spec.bucket()).key(objectKey), RequestBody.fromFile(dir.resolve(key)));
        }
        lines.add("bucket " + spec.bucket() + " with " + String.join(", ", spec.keys()) + " under " + spec.prefix() + "/ (from "
                + dir + ")");
        return lines;
    }

    /** The run report of the scripts step, as the worker left it in S3. */
    void printReport(S3Client s3, String execution, PrintWriter out) {
        if (spec == null) {
            return;
        }
        Optional<RunReport> report = new ReportStore(s3).read(spec.bucket(), spec.prefix(), execution);
        out.println("  scripts report (" + ReportStore.uri(spec.bucket(), spec.prefix(), execution) + "):");
        if (report.isEmpty()) {
            out.println("      none (the step did not start)");
            return;
        }
        RunReportText.render(report.get()).lines().forEach(l -> out.println("      " + l));
    }

    /** Fills the source's database from {@code dump}, or from the family's sample when null. */
    static EmulatedData.SourceLoader sourceLoader(Path home, Path dump, SqlDialect dialect) {
        Path file = dump != null ? dump : samples(home, dialect).resolve(SAMPLE);
        if (!Files.isRegularFile(file)) {
            throw new LocalRefresh.LocalRunException("local run: " + (dump != null ? "the source dump " : "the sample ") + file
                    + " does not exist");
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String label = dump != null ? "dump " + file : "the sample " + home.relativize(file);
        return (server, db) -> {
            try (Connection c = server.connect(db)) {
                DumpLoader.Loaded loaded = DumpLoader.load(c, dialect, text, file.getFileName().toString());
                return label + " (" + loaded.statements() + " statements"
                        + (loaded.copiedRows() > 0 ? ", " + loaded.copiedRows() + " rows copied" : "")
                        + (loaded.skippedMetaCommands() > 0 ? ", " + loaded.skippedMetaCommands() + " psql meta-commands skipped" : "")
                        + ")";
            }
        };
    }
}
