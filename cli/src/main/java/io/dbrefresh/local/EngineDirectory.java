package io.dbrefresh.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code cli/engine} folder: the node scripts and the npm packages they run on.
 * The packages are installed there by {@code npm ci} the first time they are needed.
 */
public final class EngineDirectory {

    /** System property naming the project folder (the one holding {@code statemachine/} and {@code cli/engine/}). */
    public static final String HOME_PROPERTY = "dbrefresh.home";

    private static final int MIN_NODE_MAJOR = 20;
    private static final long TOOL_TIMEOUT_MINUTES = 10;
    private static final List<String> REQUIRED_PACKAGES = List.of("aws-local-stepfunctions", "asl-validator");
    private static final Pattern NODE_VERSION = Pattern.compile("v(\\d+)\\.");
    private static final Object INSTALL_LOCK = new Object();

    private final Path path;

    public EngineDirectory(Path path) {
        this.path = path.toAbsolutePath().normalize();
        if (!Files.isRegularFile(this.path.resolve("runner.mjs"))) {
            throw new LocalEngineException("Not the local engine folder (no runner.mjs): " + this.path);
        }
    }

    /** The engine folder of the project found by {@link #findHome()}. */
    public static EngineDirectory locate() {
        return new EngineDirectory(findHome().resolve("cli").resolve("engine"));
    }

    /**
     * The project folder: the {@value #HOME_PROPERTY} system property when set, else the nearest
     * folder, from the working directory up, that holds both {@code statemachine/} and {@code cli/engine/}.
     */
    public static Path findHome() {
        String configured = System.getProperty(HOME_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("statemachine")) && Files.isDirectory(dir.resolve("cli").resolve("engine"))) {
                return dir;
            }
        }
        throw new LocalEngineException("Cannot find the dbrefresh folder (with statemachine/ and cli/engine/) from "
                + start + " upwards; set -D" + HOME_PROPERTY + "=<folder>");
    }

    public Path path() {
        return path;
    }

    /** Runs {@code npm ci} once if the packages are not installed yet; safe to call from several threads and JVMs. */
    public void ensureInstalled() {
        if (isInstalled()) {
            return;
        }
        synchronized (INSTALL_LOCK) {
            Path lockFile = Path.of(System.getProperty("java.io.tmpdir"),
                    "dbrefresh-engine-" + Integer.toHexString(path.toString().hashCode()) + ".lock");
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                if (!isInstalled()) {
                    requireNode();
                    install();
                }
            } catch (IOException e) {
                throw new LocalEngineException("Cannot lock " + lockFile + " to install the engine's npm packages", e);
            }
        }
    }

    /** The command that runs one of the engine's scripts with node. */
    List<String> nodeCommand(String script) {
        return List.of("node", path.resolve(script).toString());
    }

    /** Starts one of the engine's scripts, explaining a missing node. */
    Process startScript(String script) {
        try {
            return new ProcessBuilder(nodeCommand(script)).directory(path.toFile()).start();
        } catch (IOException e) {
            throw new LocalEngineException("Cannot start node: the local engine needs Node.js " + MIN_NODE_MAJOR
                    + " or newer on the PATH", e);
        }
    }

    private boolean isInstalled() {
        return REQUIRED_PACKAGES.stream()
                .allMatch(name -> Files.isRegularFile(path.resolve("node_modules").resolve(name).resolve("package.json")));
    }

    private void requireNode() {
        String version = runQuietly(List.of("node", "--version"), "node").trim();
        Matcher matcher = NODE_VERSION.matcher(version);
        if (!matcher.lookingAt() || Integer.parseInt(matcher.group(1)) < MIN_NODE_MAJOR) {
            throw new LocalEngineException("The local engine needs Node.js " + MIN_NODE_MAJOR + " or newer; found "
                    + version);
        }
    }

    private void install() {
        // the first run spends most of a minute here: say so, rather than wait in silence
        System.err.println("Setting up: installing the local engine's npm packages (npm ci in " + path + ")...");
        long started = System.nanoTime();
        runQuietly(List.of(npmExecutable(), "ci", "--no-audit", "--no-fund"), "npm");
        System.err.println("Setting up: npm packages installed in " + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s.");
        if (!isInstalled()) {
            throw new LocalEngineException("npm ci finished but " + REQUIRED_PACKAGES + " are not in "
                    + path.resolve("node_modules"));
        }
    }

    private String runQuietly(List<String> command, String tool) {
        String shown = String.join(" ", command);
        Path log = null;
        Process process = null;
        try {
            log = Files.createTempFile("dbrefresh-" + tool, ".log");
            process = new ProcessBuilder(command).directory(path.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(TOOL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                throw new LocalEngineException(shown + " did not finish in " + TOOL_TIMEOUT_MINUTES + " minutes in " + path);
            }
            String text = Files.readString(log);
            if (process.exitValue() != 0) {
                throw new LocalEngineException(shown + " failed (exit " + process.exitValue() + ") in " + path + ":\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new LocalEngineException("Cannot run " + tool + ": the local engine needs Node.js " + MIN_NODE_MAJOR
                    + " or newer, with npm, on the PATH", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalEngineException("Interrupted while running " + shown, e);
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException ignored) {
                    // a leftover log in the temp folder is harmless
                }
            }
        }
    }

    private static String npmExecutable() {
        return System.getProperty("os.name", "").toLowerCase().startsWith("windows") ? "npm.cmd" : "npm";
    }
}
