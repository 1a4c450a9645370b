package io.dbrefresh.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher as a new user meets it: a PATH whose python3 has no moto (the real python3 with
 * its site-packages hidden, {@code -I -S}), no moto_server, no AWS credentials, and a cache
 * folder of its own. Each case ends in a run or in the documented message with exit 2, never
 * in "unexpected error".
 */
class FreshMachineIT {

    private static final Path LAUNCHER = CliRun.HOME.resolve("dbrefresh").toAbsolutePath().normalize();
    private static final Path TOOLS = CliRun.HOME.resolve("cli/bin/python-tools.sh").toAbsolutePath().normalize();
    private static final String DEMO = CliRun.HOME.resolve("refresh-files/rds-latestpoint.json").toAbsolutePath().normalize().toString();

    /** What the launcher, its scripts and a local run call, linked one by one so nothing else on the PATH leaks in. */
    private static final List<String> TOOLS_NEEDED = List.of("bash", "env", "dirname", "readlink", "sed", "head", "tail",
            "grep", "find", "mktemp", "rm", "cat", "date", "mkdir", "mvn", "node", "npm");

    @TempDir
    Path dir;

    private Path bin;
    private Path cache;

    record Outcome(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }
    }

    @BeforeEach
    void freshMachine() throws Exception {
        bin = Files.createDirectories(dir.resolve("bin"));
        cache = dir.resolve("cache");
        for (String tool : TOOLS_NEEDED) {
            Optional<Path> found = onPath(tool);
            if (found.isPresent()) {
                Files.createSymbolicLink(bin.resolve(tool), found.get());
            }
        }
    }

    /** The links point outside the temporary folder: removed first, so its clean-up need not follow them. */
    @AfterEach
    void removeLinks() throws IOException {
        try (var links = Files.list(bin)) {
            for (Path link : links.toList()) {
                Files.delete(link);
            }
        }
    }

    /** A python3 that really lacks moto: the machine's own interpreter with site-packages and user site hidden. */
    private void pythonWithoutMoto() throws Exception {
        Path python = realPython().orElse(null);
        assumeTrue(python != null, "no python3 on this machine");
        Path wrapper = bin.resolve("python3");
        Files.writeString(wrapper, "#!/bin/sh\nexec '" + python + "' -I -S \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void runLocal_withAPythonLackingMoto_provisionsAPrivateMoto_orStopsWithTheDocumentedFix() throws Exception {
        pythonWithoutMoto();

        Outcome run = launch(Map.of(), "run", "--local", DEMO);

        assertThat(run.all()).doesNotContain("unexpected error").doesNotContain("\tat ");
        assertThat(run.err()).as(run.all()).contains("Setting up: a private Python environment for moto");
        if (run.exitCode() == 2) {
            assertThat(run.err()).as(run.all())
                    .contains("dbrefresh: cannot install moto (the local AWS emulator): ")
                    .contains("dbrefresh: fix: ")
                    .contains("pipx install 'moto[server]'")
                    .contains("DBREFRESH_MOTO");
            assertThat(run.out()).as("nothing ran").doesNotContain("Refreshing");
        } else {
            assertThat(run.err()).as(run.all()).contains("installed in");
            assertThat(run.exitCode()).as(run.all()).isZero();
        }
        assertThat(cache.resolve("python/bin/python")).as("the private environment is in the cache folder given").exists();
        assertThat(CliRun.HOME.resolve("cli/bin/python")).doesNotExist();
    }

    @Test
    void runLocal_withNoPythonAtAll_namesWhatToInstall_andExits2() throws Exception {
        Outcome run = launch(Map.of(), "run", "--local", DEMO);

        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        assertThat(run.err().lines()).as(run.all()).hasSize(2);
        assertThat(run.err()).contains("there is no python3 on the PATH").contains("apt-get install python3-venv")
                .contains("pipx install 'moto[server]'");
        assertThat(cache).doesNotExist();
    }

    @Test
    void runLocal_whenTheGivenMotoCommandCannotStart_saysSo_andExits2() throws Exception {
        pythonWithoutMoto();

        Outcome run = launch(Map.of("DBREFRESH_MOTO", bin.resolve("python3") + " -m moto.server"), "run", "--local", DEMO);

        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        assertThat(afterTheFileWarning(run)).as(run.all()).startsWith("dbrefresh: local run: moto exited at start")
                .contains("No module named 'moto'").contains("DBREFRESH_MOTO").doesNotContain("unexpected error");
        // the local run may fill the cache's database-server part (mariadb/) before moto fails; no Python is installed
        assertThat(cache.resolve("python")).as("a moto given is used as it is, nothing installed").doesNotExist();
    }

    @Test
    void anExistingMotoServerOnThePath_isUsedAsItIs_andNothingIsInstalled() throws Exception {
        Path moto = onPath("moto_server").orElse(null);
        assumeTrue(moto != null, "moto_server is not on this machine's PATH");
        Files.createSymbolicLink(bin.resolve("moto_server"), moto);

        Outcome resolved = shell(". '" + TOOLS + "'; dbrefresh_ensure_moto; echo \"$DBREFRESH_MOTO\"");

        assertThat(resolved.exitCode()).as(resolved.all()).isZero();
        assertThat(resolved.out().strip()).isEqualTo(bin.resolve("moto_server").toString());
        assertThat(resolved.err()).doesNotContain("Setting up");
        assertThat(cache).doesNotExist();
    }

    /**
     * The launcher starts moto before the JVM and the JVM takes it over (MotoServer.adoptLaunched): the run is served by
     * the moto the launcher started, and that moto and its log are gone when the command ends. Without the takeover
     * the JVM would start a second moto on another port and leave the launcher's running.
     */
    @Test
    void runLocal_isServedByTheMotoTheLauncherStarted_andLeavesNoMotoBehind() throws Exception {
        Optional<Path> python = realPython();
        assumeTrue(python.isPresent(), "no python3 on this machine's PATH");
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path launchedWith = dir.resolve("moto-arguments");
        Path motoCommand = bin.resolve("moto-here");
        Files.writeString(motoCommand, "#!" + bin.resolve("bash") + "\n"
                + "echo \"$@\" >> '" + launchedWith + "'\n"
                + "exec '" + python.get() + "' -m moto.server \"$@\"\n");
        assertThat(motoCommand.toFile().setExecutable(true)).isTrue();

        // DBREFRESH_CDS=0: no class cache to record, so the launcher takes its usual path, the one that starts moto
        Outcome run = launch(Map.of("DBREFRESH_MOTO", motoCommand.toString(), "DBREFRESH_CDS", "0", "TMPDIR", tmp.toString()),
                "run", "--local", DEMO);

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(launchedWith).as("the launcher started moto before the JVM").exists();
        List<String> started = Files.readAllLines(launchedWith);
        assertThat(started).as("one moto started, the launcher's; none by the JVM").hasSize(1);
        String arguments = started.get(0).strip();
        Matcher port = Pattern.compile("-p (\\d+)").matcher(arguments);
        assertThat(port.find()).as(arguments).isTrue();
        assertThat(run.out()).as("the run used the launcher's moto")
                .contains("AWS emulated by moto at http://127.0.0.1:" + port.group(1) + " ");
        assertThat(ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a)).orElse("").contains(arguments))
                .filter(ProcessHandle::isAlive))
                .as("the launcher's moto is stopped with the command").isEmpty();
        try (var left = Files.list(tmp)) {
            assertThat(left.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("moto-")))
                    .as("its log removed").isEmpty();
        }
    }

    @Test
    void history_withoutCredentials_saysHowToGiveThem_inTwoLines_andExits2() throws Exception {
        Outcome run = launch(noCredentials(), "history", "--database", "mysqlinstd");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        List<String> lines = run.err().lines().toList();
        assertThat(lines).as(run.err()).hasSizeLessThanOrEqualTo(2);
        assertThat(run.err()).contains("no AWS credentials").contains("AWS_PROFILE").contains("aws configure")
                .contains("aws sso login").doesNotContain("--local").doesNotContain("unexpected error");
        assertThat(lines).allSatisfy(line -> assertThat(line).startsWith("dbrefresh history").hasSizeLessThan(200));
    }

    @Test
    void start_withoutCredentials_alsoPointsAtALocalRun() throws Exception {
        Outcome run = launch(noCredentials(), "start", DEMO, "--state-machine-arn",
                "arn:aws:states:us-east-1:123456789012:stateMachine:dbrefresh", "--no-follow");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        assertThat(afterTheFileWarning(run).lines()).as(run.err()).hasSizeLessThanOrEqualTo(2);
        assertThat(run.err()).contains("AWS_PROFILE").contains("aws configure").contains("aws sso login")
                .contains("./dbrefresh run --local " + DEMO);
    }

    /**
     * What the command said after validation's one warning about the example file: it runs stopdb,
     * and the swap renames the old target away instead of stopping it (/stopdb/torun).
     */
    private static String afterTheFileWarning(Outcome run) {
        assertThat(run.err()).as(run.all()).startsWith(DEMO + ": warning /stopdb/torun: the old target is no longer stopped");
        return run.err().substring(run.err().indexOf('\n') + 1);
    }

    /** No key in the environment, no profile file, no instance role to ask. */
    private Map<String, String> noCredentials() {
        return Map.of("AWS_CONFIG_FILE", dir.resolve("no-aws-config").toString(),
                "AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-aws-credentials").toString(),
                "AWS_EC2_METADATA_DISABLED", "true",
                "AWS_REGION", "us-east-1");
    }

    private Outcome launch(Map<String, String> extra, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(LAUNCHER.toString());
        command.addAll(List.of(args));
        return run(command, extra);
    }

    private Outcome shell(String script) throws Exception {
        return run(List.of(bin.resolve("bash").toString(), "-c", "set -euo pipefail; " + script), Map.of());
    }

    /** Runs with an environment of its own: none of this machine's moto, credentials or caches. */
    private Outcome run(List<String> command, Map<String, String> extra) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        Map<String, String> kept = new HashMap<>();
        for (String name : List.of("LANG", "TMPDIR", "USER")) {
            if (System.getenv(name) != null) {
                kept.put(name, System.getenv(name));
            }
        }
        env.clear();
        env.putAll(kept);
        env.put("PATH", bin.toString());
        env.put("HOME", dir.resolve("home").toString());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("DBREFRESH_CACHE", cache.toString());
        env.putAll(extra);
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("did not finish in 5 minutes: " + command + "\n" + Files.readString(err));
        }
        return new Outcome(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static Optional<Path> onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(d, tool);
            if (!d.isEmpty() && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The interpreter itself, not a launcher shim that would need the rest of this machine's PATH. */
    private static Optional<Path> realPython() throws IOException, InterruptedException {
        Optional<Path> python3 = onPath("python3");
        if (python3.isEmpty()) {
            return Optional.empty();
        }
        Process p = new ProcessBuilder(python3.get().toString(), "-c", "import sys; print(sys.executable)")
                .redirectErrorStream(true).start();
        String executable = new String(p.getInputStream().readAllBytes()).strip();
        return p.waitFor() == 0 && !executable.isEmpty() ? Optional.of(Path.of(executable)) : Optional.empty();
    }
}
