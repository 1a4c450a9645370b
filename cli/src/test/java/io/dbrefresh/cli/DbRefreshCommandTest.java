package io.dbrefresh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.StepId;
import picocli.CommandLine;

/** The command line itself: exit codes, usage errors, and what plan prints. */
class DbRefreshCommandTest {

    private static final String DEMO = CliRun.HOME.resolve("refresh-files/rds-latestpoint.json").toString();

    @TempDir
    Path dir;

    @Test
    void version_printsTheProjectVersion() {
        CliRun run = CliRun.of("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("dbrefresh ").doesNotContain("${").doesNotContain("unknown");
    }

    @Test
    void noSubcommand_printsUsage_andIsAUsageError() {
        CliRun run = CliRun.of();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("validate").contains("plan");
    }

    @Test
    void validate_aMissingFile_isAUsageError_withoutAStackTrace() {
        CliRun run = CliRun.of("validate", dir.resolve("nope.json").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("nope.json: no such file").doesNotContain("Exception");
    }

    @Test
    void validate_aDirectory_isAUsageError() {
        assertThat(CliRun.of("validate", dir.toString()).exitCode()).isEqualTo(2);
    }

    @Test
    void validate_withoutFiles_isAUsageError() {
        CliRun run = CliRun.of("validate");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("FILE");
    }

    @Test
    void validate_manyFiles_reportsEach_andFailsIfAnyIsInvalid() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"restore\": {\"torun\": \"yes\"}}");

        CliRun run = CliRun.of("validate", DEMO, bad.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains(DEMO + ": OK").contains(bad + ": INVALID").contains("  /restore/torun: must be true or false");
    }

    @Test
    void validate_notUtf8_isAnInvalidFile() throws Exception {
        Path binary = Files.write(dir.resolve("binary.json"), new byte[] {(byte) 0xC3, (byte) 0x28, 0x7B});

        CliRun run = CliRun.of("validate", binary.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("(top level): is not UTF-8 text");
    }

    @Test
    void validate_printsWarnings_butStaysValid() throws Exception {
        Path legacy = Files.writeString(dir.resolve("legacy.json"), Files.readString(Path.of(DEMO))
                .replace("\"updatedynamodb\": {", "\"changeadminpwd\": {\"temppwd\": \"temppwd123\", \"torun\": true},\n  \"updatedynamodb\": {"));

        CliRun run = CliRun.of("validate", legacy.toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        // the example's stopdb draws the second: the swap renames its old target away instead of stopping it
        assertThat(run.out()).contains(": OK (2 warnings)").contains("  warning /changeadminpwd/temppwd: legacy")
                .contains("  warning /stopdb/torun: the old target is no longer stopped");
    }

    @Test
    void plan_printsOneRowPerStep_withRunOrSkip() {
        CliRun run = CliRun.of("plan", DEMO);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Refresh of mysqlinstd (rds) from mysqlinstp, latestpoint");
        for (StepId step : StepId.values()) {
            assertThat(run.out()).containsPattern("(?m)^" + step.displayName() + " +(run|skip) ");
        }
        // wait_time 60 is a ceiling: after the first check, the restore is checked every 15 s, for at most 4 hours
        assertThat(run.out()).containsPattern("(?m)^perform-restore +run +15s +14400s +mysqlinstp -> mysqlinstdtemp");
        assertThat(run.out()).containsPattern("(?m)^create-instance +skip");
    }

    @Test
    void planJson_parsesBackIntoTheSamePlan() throws Exception {
        CliRun run = CliRun.of("plan", "--json", DEMO);

        RefreshPlan plan = Json.MAPPER.readValue(run.out(), RefreshPlan.class);
        assertThat(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(plan)).isEqualToIgnoringNewLines(run.out().strip());
        assertThat(plan.runs(StepId.PERFORM_RESTORE)).isTrue();
    }

    @Test
    void plan_ofAnInvalidFile_printsTheErrors_andExits1() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.json"), "[]");

        CliRun run = CliRun.of("plan", bad.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("(top level): must be a JSON object");
    }

    @Test
    void unknownOption_isAUsageError_withoutAStackTrace() {
        CliRun run = CliRun.of("plan", "--yaml", DEMO);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.all()).contains("--yaml").doesNotContain("\tat ");
    }

    @Test
    void productionCommandLine_turnsAnUnexpectedFailureIntoAMessage_notAStackTrace() {
        CommandLine cli = DbRefresh.commandLine();
        cli.addSubcommand(new Failing());
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));

        int code = cli.execute("fail");

        assertThat(code).isEqualTo(CommandLine.ExitCode.SOFTWARE);
        assertThat(err.toString()).contains("unexpected error").contains("a bug").doesNotContain("\tat ");
    }

    @CommandLine.Command(name = "fail")
    static final class Failing implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("a bug");
        }
    }

    /** Every command the CLI has, read from the command line itself: one added later is held to the same. */
    static java.util.stream.Stream<String> commands() {
        return DbRefresh.commandLine().getSubcommands().keySet().stream();
    }

    @Test
    void theCommandsAskedForHelp_areAllOfThem() {
        assertThat(commands().toList()).contains("validate", "plan", "run", "start", "status", "history", "adopt",
                "rollback", "cleanup", "console");
    }

    @ParameterizedTest
    @MethodSource("commands")
    void everyCommand_answersHelpWithItsUsage(String command) {
        CliRun run = CliRun.of(command, "--help");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Usage: dbrefresh " + command).contains("-h, --help");
        assertThat(run.err()).doesNotContain("Unknown option");
    }

    @Test
    void productionCommandLine_pointsAtHelp_forAUsageError() {
        CommandLine cli = DbRefresh.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));

        int code = cli.execute("plan", "--yaml", DEMO);

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--yaml'").contains("Try 'dbrefresh plan --help'.");
    }

    @Test
    void run_withoutLocal_pointsAtStartForAws_andIsAUsageError() {
        CliRun run = CliRun.of("run", DEMO);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).as(run.err()).hasSize(2);
        assertThat(run.err()).contains("./dbrefresh run --local " + DEMO).contains("./dbrefresh start " + DEMO)
                .doesNotContain("Missing required option");
        assertThat(run.out()).doesNotContain("moto");
    }

    private static final Path WITH_SCRIPTS = CliRun.HOME.resolve("refresh-files/rds-with-scripts.json");

    @Test
    void runLocal_withScriptsByEc2_isRefusedBeforeAnythingStarts() throws Exception {
        Path file = dir.resolve("ec2.json");
        Files.writeString(file, Files.readString(WITH_SCRIPTS).replace("\"method\": \"lambda\"",
                "\"method\": \"ec2\", \"ec2instanceid\": \"i-0123456789abcdef0\""));

        CliRun run = CliRun.of("run", "--local", file.toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        assertThat(run.err()).contains("method ec2").contains("\"method\": \"lambda\"");
        assertThat(run.out()).doesNotContain("moto");
        // the moto started ahead while the file was checked is stopped with the refusal, not left to the JVM's exit
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)).isEmpty();
    }

    @Test
    void runLocal_scriptsMissingFromTheFolder_areAllListed() throws Exception {
        Files.writeString(dir.resolve("01-mask-personal-data.sql"), "SELECT 1;");

        CliRun run = CliRun.of("run", "--local", "--scripts", dir.toString(), WITH_SCRIPTS.toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        assertThat(run.err()).contains("not found in " + dir).contains("02-purge-and-reset.sql, 99-verify-masked.sql")
                .doesNotContain("01-mask-personal-data.sql");
    }

    @Test
    void runLocal_aSourceDumpThatDoesNotExist_isAUsageError() {
        CliRun run = CliRun.of("run", "--local", "--source-dump", dir.resolve("prod.sql").toString(), DEMO);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("the source dump").contains("prod.sql").contains("does not exist");
    }

    @Test
    void runLocal_aSourceInAnotherAccount_withAnAccountFile_isRefusedWithTheReason_beforeAnythingStarts() throws Exception {
        String demo = Files.readString(Path.of(DEMO));
        Path file = dir.resolve("cross-account.json");
        Files.writeString(file, demo.replaceFirst("\"restoretype\": \"latestpoint\",",
                "\"restoretype\": \"latestpoint\", \"sourceaccount\": {\"accountid\": \"222233334444\"},"));

        CliRun run = CliRun.of("run", "--local", "--account", CliRun.HOME.resolve("refresh-files/accounts/app3-account.json").toString(),
                file.toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        assertThat(run.err()).contains("source is in account 222233334444").contains("--account describes one account")
                .doesNotContain("\tat ");
    }

    @Test
    void runLocal_aSnapshotSharedFromAnotherAccount_isRefusedWithTheReason() {
        CliRun run = CliRun.of("run", "--local", CliRun.HOME.resolve("refresh-files/rds-cross-account-encrypted-snapshot.json").toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        assertThat(run.err()).contains("is in account 210987654321").contains("emulates one account").doesNotContain("\tat ");
    }
}
