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

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Thread hook;

    private MotoServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        // an interrupted run (Ctrl-C, kill) does not leave moto behind
        this.hook = new Thread(process::destroy, "dbrefresh-moto-stop");
        Runtime.getRuntime().addShutdownHook(hook);
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
                Thread warming = new Thread(spare::loadServices, "dbrefresh-moto-warm-up");
                warming.setDaemon(true);
                warming.start();
            }
        }
    }

    /**
     * The services a local run calls, each with one read-only request that changes nothing: moto imports a
     * service's code on the first request the service gets (RDS and EC2 about 1.2 s of processor time together,
     * the others about 0.1 s each), so this has to run before the run's first call to them. The credential scope
     * of the Authorization header is what routes a request to its service; moto checks no signature.
     */
    private static final List<ServiceCall> FIRST_CALLS = List.of(
            new ServiceCall("rds", "application/x-www-form-urlencoded", "Action=DescribeDBInstances&Version=2014-10-31", null),
            new ServiceCall("dynamodb", "application/x-amz-json-1.0", "{}", "DynamoDB_20120810.ListTables"),
            new ServiceCall("secretsmanager", "application/x-amz-json-1.1", "{}", "secretsmanager.ListSecrets"),
            new ServiceCall("sns", "application/x-www-form-urlencoded", "Action=ListTopics&Version=2010-03-31", null),
            new ServiceCall("sqs", "application/x-amz-json-1.0", "{}", "AmazonSQS.ListQueues"),
            new ServiceCall("sts", "application/x-www-form-urlencoded", "Action=GetCallerIdentity&Version=2011-06-15", null));

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
            while (process.isAlive() && System.nanoTime() < deadline) {
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
        if (server == null || !server.process.isAlive()) {
            if (server != null) {
                server.close();
            }
            server = spawn();
        }
        server.awaitReady(Duration.ofSeconds(60));
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
        return new MotoServer(p, port, log);
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

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto exited at start (exit " + process.exitValue() + "): " + tail());
            }
            try {
                reset();
                StartupTimeline.mark("moto answering");
                return;
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
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
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
