package io.dbrefresh.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A moto server (AWS APIs over their real wire protocols) started on a free loopback port,
 * for local runs and tests. moto answers as account 123456789012 in any region, with any
 * credentials; {@link #reset()} empties it.
 */
public final class MotoServer implements AutoCloseable {

    public static final String ACCOUNT_ID = "123456789012";

    /** Null for a moto the launcher started ({@link #adoptLaunched()}): then only its handle is known. */
    private final Process process;
    private final ProcessHandle handle;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Thread hook;

    private MotoServer(Process process, ProcessHandle handle, int port, Path log) {
        this.process = process;
        this.handle = handle;
        this.port = port;
        this.log = log;
        // an interrupted run (Ctrl-C, kill) does not leave moto behind
        this.hook = new Thread(handle::destroy, "dbrefresh-moto-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** What the launcher ({@code ./dbrefresh}) sets when it started moto for this JVM: "PID PORT LOG". */
    public static final String LAUNCHED_ENV = "DBREFRESH_MOTO_LAUNCHED";
    private static final java.util.concurrent.atomic.AtomicBoolean LAUNCHED_TAKEN = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Takes over the moto the launcher started before this JVM ({@value #LAUNCHED_ENV}): Python loads moto while the
     * JVM starts, instead of after it (half a second or more of a local run on a 2-core machine). From then on it is
     * this JVM's, as one {@link #prestart()} began: taken by the next start, stopped by {@link #dropPrestarted()} or at
     * the JVM's exit. Only a process that is this JVM's own child is taken (the launcher replaced itself by the JVM);
     * anything else the variable names is left alone. Call it first thing: from then on nothing is left behind.
     */
    public static void adoptLaunched() {
        String launched = System.getenv(LAUNCHED_ENV);
        if (launched == null || launched.isBlank() || !LAUNCHED_TAKEN.compareAndSet(false, true)) {
            return;
        }
        String[] parts = launched.trim().split(" ", 3);
        MotoServer adopted;
        try {
            long pid = Long.parseLong(parts[0]);
            int port = Integer.parseInt(parts[1]);
            Path log = Path.of(parts[2]);
            ProcessHandle child = ProcessHandle.current().children().filter(c -> c.pid() == pid).findFirst().orElse(null);
            if (child == null) {
                return;
            }
            adopted = new MotoServer(null, child, port, log);
        } catch (RuntimeException malformed) {
            // not what the launcher writes: this JVM starts its own moto
            return;
        }
        synchronized (SPARE) {
            if (spare == null) {
                spare = adopted;
                adopted.warmUp();
                return;
            }
        }
        adopted.close();
    }

    private static final Object SPARE = new Object();
    /** A moto started ahead by {@link #prestart()}, loading while the caller does other work; taken by the next start. */
    private static MotoServer spare;

    /**
     * Starts moto without waiting for it: Python loads moto (about a second, more on a busy
     * machine) while the caller reads and checks its input; the next {@link #start()} takes this
     * server and waits for it there. Nothing is reported here: a moto that cannot start fails
     * that start. Stopped with the JVM if no start takes it.
     */
    public static void prestart() {
        synchronized (SPARE) {
            if (spare == null) {
                try {
                    spare = spawn();
                } catch (RuntimeException reportedByStart) {
                    // start() spawns again and reports what fails
                    return;
                }
                spare.warmUp();
            }
        }
    }

    private void warmUp() {
        Thread warming = new Thread(this::loadServices, "dbrefresh-moto-warm-up");
        warming.setDaemon(true);
        warming.start();
    }

    /**
     * Whether the process still runs. A moto the launcher started is this JVM's child, which the JVM does not reap:
     * once it ended it is a zombie that its handle still calls alive, and its exit is what tells.
     */
    private boolean alive() {
        return process != null ? process.isAlive() : !handle.onExit().isDone();
    }

    /**
     * The services a local run calls, each with one read-only request that changes nothing: moto imports a
     * service's code on the first request the service gets (RDS and EC2 about 1.2 s of processor time together,
     * the others about 0.1 s each), so this has to run before the run's first call to them. Not STS: only a refresh
     * across accounts calls it, and moto's processor time is what the start of every other run waits for. The credential scope
     * of the Authorization header is what routes a request to its service; moto checks no signature.
     */
    private static final List<ServiceCall> FIRST_CALLS = List.of(
            new ServiceCall("rds", "application/x-www-form-urlencoded", "Action=DescribeDBInstances&Version=2014-10-31", null),
            new ServiceCall("dynamodb", "application/x-amz-json-1.0", "{}", "DynamoDB_20120810.ListTables"),
            new ServiceCall("secretsmanager", "application/x-amz-json-1.1", "{}", "secretsmanager.ListSecrets"),
            new ServiceCall("sns", "application/x-www-form-urlencoded", "Action=ListTopics&Version=2010-03-31", null),
            new ServiceCall("sqs", "application/x-amz-json-1.0", "{}", "AmazonSQS.ListQueues"));

    private record ServiceCall(String service, String contentType, String body, String target) {
    }

    /**
     * Loads {@link #FIRST_CALLS}' services while the caller reads and checks its input (the JVM is busy with one
     * core then): without it the run's first calls to them wait for the imports. Retried until moto listens, for
     * at most the time {@link #start()} waits; a call that fails is left to the run, which makes its own.
     */
    private void loadServices() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (ServiceCall call : FIRST_CALLS) {
            HttpRequest.Builder request = HttpRequest.newBuilder(endpoint()).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", call.contentType())
                    .header("Authorization", "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/" + call.service()
                            + "/aws4_request, SignedHeaders=host, Signature=0")
                    .POST(HttpRequest.BodyPublishers.ofString(call.body()));
            if (call.target() != null) {
                request.header("X-Amz-Target", call.target());
            }
            while (alive() && System.nanoTime() < deadline) {
                try {
                    http.send(request.build(), HttpResponse.BodyHandlers.discarding());
                    break;
                } catch (IOException notListeningYet) {
                    sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
        StartupTimeline.mark("moto's services loaded");
    }

    /** Stops the moto {@link #prestart()} began if no start took it: the input was refused, or the run ended before it. */
    public static void dropPrestarted() {
        MotoServer unused;
        synchronized (SPARE) {
            unused = spare;
            spare = null;
        }
        if (unused != null) {
            unused.close();
        }
    }

    /** Starts moto (or takes the one {@link #prestart()} began) and waits until it answers (at most 60 s). */
    public static MotoServer start() {
        MotoServer server;
        synchronized (SPARE) {
            server = spare;
            spare = null;
        }
        if (server != null && server.process == null && !server.awaitReady(Duration.ofSeconds(60))) {
            // the launcher's moto ended as it started (a port taken since it was chosen, a moto that cannot start):
            // this JVM starts its own, whose failure, if it fails too, says why with its exit code
            server.close();
            server = null;
        }
        if (server == null || !server.alive()) {
            if (server != null) {
                server.close();
            }
            server = spawn();
        }
        if (server.process != null) {
            server.awaitReady(Duration.ofSeconds(60));
        }
        return server;
    }

    private static MotoServer spawn() {
        int port = freePort();
        Path log;
        try {
            log = Files.createTempFile("moto-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(launcher());
        command.addAll(List.of("-H", "127.0.0.1", "-p", Integer.toString(port)));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start moto (" + String.join(" ", command) + "): " + e.getMessage()
                    + "; set " + COMMAND_ENV + " to a command that starts moto_server (pipx install 'moto[server]')", e);
        }
        return new MotoServer(p, p.toHandle(), port, log);
    }

    /** The variable naming the command that starts moto's server; ./dbrefresh and ./run-tests set it. */
    public static final String COMMAND_ENV = "DBREFRESH_MOTO";

    /**
     * The command that starts moto: {@value #COMMAND_ENV} as the scripts resolved it (moto_server
     * on the PATH, a python3 that has moto, or the project's private environment), else
     * moto_server on the PATH (tests run by Maven alone).
     */
    static List<String> launcher() {
        String configured = System.getenv(COMMAND_ENV);
        if (configured != null && !configured.isBlank()) {
            // one executable path is taken whole (it may hold spaces); else a command and its arguments
            return Files.isExecutable(Path.of(configured.trim())) ? List.of(configured.trim()) : List.of(configured.trim().split("\\s+"));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "moto_server"))) {
                return List.of(Path.of(dir, "moto_server").toString());
            }
        }
        throw new IllegalStateException("moto is not installed: ./dbrefresh and ./run-tests install it, or set "
                + COMMAND_ENV + " to a command that starts moto_server (pipx install 'moto[server]')");
    }

    /** Whether moto answers within {@code timeout}; false when a moto the launcher started ended first. */
    private boolean awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!alive()) {
                if (process == null) {
                    return false;
                }
                throw new IllegalStateException("moto exited at start (exit " + process.exitValue() + "): " + tail());
            }
            try {
                reset();
                StartupTimeline.mark("moto answering");
                return true;
            } catch (RuntimeException notYet) {
                sleep(100);
            }
        }
        close();
        throw new IllegalStateException("moto did not answer within " + timeout.toSeconds() + " s: " + tail());
    }

    /** Forgets every resource in every account and region. */
    public void reset() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(endpoint().resolve("/moto-api/reset"))
                    .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("moto reset answered " + r.statusCode());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    private String tail() {
        try {
            String s = Files.readString(log);
            return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // the JVM is already shutting down, and the hook stops moto
        }
        // killed, not asked: moto holds its state in memory, which is thrown away, and on a busy machine
        // its SIGTERM shutdown took seconds of every run; whatever a wrapper command started goes too
        handle.descendants().forEach(ProcessHandle::destroyForcibly);
        handle.destroyForcibly();
        try {
            handle.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
            // its selector thread waits in native code, and the JVM's exit waits up to 0.3 s for such a thread
            http.shutdownNow();
            http.awaitTermination(Duration.ofSeconds(1));
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // signalled: a process that outlives the wait ends with the JVM at the latest
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a leftover temp log is harmless
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
