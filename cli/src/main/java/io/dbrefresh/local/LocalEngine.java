package io.dbrefresh.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a state machine definition locally: the npm package aws-local-stepfunctions interprets
 * the definition in a node process, and every Task calls back over loopback HTTP into this
 * JVM, where a {@link TaskInvoker} answers it.
 */
public final class LocalEngine {

    public static final Duration DEFAULT_RUN_TIMEOUT = Duration.ofMinutes(30);

    private static final System.Logger LOG = System.getLogger(LocalEngine.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOOPBACK = "127.0.0.1";
    private static final int ENGINE_LOG_LIMIT = 64 * 1024;

    /**
     * The definitions the engine accepted in this JVM, by digest. The runner validates a definition
     * before it runs it (about 0.7 s of processor time for the refresh definition, more than the
     * rest of a short execution); a text it accepted once is accepted again, so later runs of it
     * skip that, in this JVM and, through {@link #acceptedRecords}, in later ones. A definition it
     * refused is never recorded, and is refused again.
     */
    private static final Set<String> ACCEPTED = ConcurrentHashMap.newKeySet();

    private final EngineDirectory engine;
    private final Duration runTimeout;
    /**
     * Where a definition the engine accepted is recorded for later JVMs (a local run is one JVM, so the set above
     * spares it nothing): one empty file per definition text and engine ({@link #record}), in the user's cache
     * folder. Null: nothing recorded.
     */
    private final Path acceptedRecords;
    /** The digest of the engine's runner script and locked packages, the part of a record that names the engine; read once. */
    private String engineDigest;
    /** A runner started ahead ({@link #prestart()}): node and its library loaded, waiting for its request on stdin. */
    private Process spare;

    /** An engine in the project's {@code cli/engine} folder, with the default run timeout. */
    public LocalEngine() {
        this(EngineDirectory.locate(), DEFAULT_RUN_TIMEOUT);
    }

    /**
     * @param runTimeout how long one execution may run before the engine stops it and reports
     *     {@code TIMED_OUT}; a safety net, independent of the definition's own TimeoutSeconds
     */
    public LocalEngine(EngineDirectory engine, Duration runTimeout) {
        this(engine, runTimeout, MariaDbCache.userCacheFolder(System.getenv()).resolve("engine-accepted"));
    }

    /** @param acceptedRecords where definitions the engine accepted are recorded for later JVMs; null: nowhere */
    LocalEngine(EngineDirectory engine, Duration runTimeout, Path acceptedRecords) {
        this.engine = engine;
        this.runTimeout = runTimeout;
        this.acceptedRecords = acceptedRecords;
    }

    /**
     * Starts the next execution's node runner now, so that node and aws-local-stepfunctions load
     * (about half a second, more on a busy machine) while the caller seeds its world; the next
     * {@link #run} sends it its request. A runner no run takes ends with the JVM: its stdin closes.
     */
    public synchronized void prestart() {
        if (spare == null) {
            engine.ensureInstalled();
            spare = engine.startScript("runner.mjs");
        }
    }

    /** Stops the runner {@link #prestart()} began if no run took it (the world closed before an execution). */
    public synchronized void dropPrestarted() {
        if (spare != null) {
            destroy(spare);
            spare = null;
        }
    }

    /** The runner {@link #prestart()} began, if it is still waiting; else a new one. */
    private synchronized Process runner() {
        Process ready = spare;
        spare = null;
        return ready != null && ready.isAlive() ? ready : engine.startScript("runner.mjs");
    }

    /** The folder of the node scripts: a caller can install its packages before the first run. */
    public EngineDirectory directory() {
        return engine;
    }

    public ExecutionResult run(String definitionJson, String inputJson, String executionName, String executionArn,
                               TaskInvoker invoker, ExecutionListener listener) {
        return run(definitionJson, inputJson, executionName, executionArn, invoker, listener, TimingOverrides.NONE);
    }

    /**
     * Runs one execution to its end.
     *
     * @param definitionJson the definition with every placeholder already substituted
     * @param executionName what {@code $$.Execution.Name} reads
     * @param executionArn what {@code $$.Execution.Id} reads
     * @throws IllegalArgumentException when the definition still holds a placeholder or either JSON is malformed
     * @throws LocalEngineException when the engine itself cannot run or rejects the definition
     */
    public ExecutionResult run(String definitionJson, String inputJson, String executionName, String executionArn,
                               TaskInvoker invoker, ExecutionListener listener, TimingOverrides overrides) {
        return run(definitionJson, inputJson, executionName, executionArn, invoker, listener, overrides, null);
    }

    /** As above, and {@code stop} (when not null) can stop the execution while it runs: it then ends ABORTED. */
    public ExecutionResult run(String definitionJson, String inputJson, String executionName, String executionArn,
                               TaskInvoker invoker, ExecutionListener listener, TimingOverrides overrides, ExecutionStop stop) {
        Definitions.requireResolved(definitionJson);
        ObjectNode request = JSON.createObjectNode();
        request.set("definition", parse(definitionJson, "definition"));
        request.set("input", parse(inputJson, "input"));
        request.put("executionName", executionName);
        request.put("executionArn", executionArn);
        request.set("waitTimeOverride", millis(overrides.waits()));
        request.set("retryIntervalOverride", millis(overrides.retryIntervals()));
        String digest = digest(definitionJson);
        engine.ensureInstalled();
        request.put("definitionAccepted", ACCEPTED.contains(digest) || recordedAccepted(definitionJson));

        // as many as the definition runs at once (Parallel branches, Map iterations): a fleet's child executions each hold one
        ExecutorService callbackThreads = Executors.newCachedThreadPool(daemonThreads("dbrefresh-task"));
        HttpServer server = startCallbackServer(invoker == null ? unexpectedTask() : invoker, callbackThreads);
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(daemonThreads("dbrefresh-watchdog"));
        Process node = null;
        try {
            request.put("callbackUrl", "http://" + LOOPBACK + ":" + server.getAddress().getPort() + "/task");
            node = runner();
            StringBuffer engineLog = new StringBuffer();
            Thread stderr = drain(node.getErrorStream(), engineLog);
            try (OutputStream stdin = node.getOutputStream()) {
                JSON.writeValue(stdin, request);
            }
            AtomicBoolean timedOut = new AtomicBoolean();
            Process running = node;
            watchdog.schedule(() -> {
                timedOut.set(true);
                destroy(running);
            }, runTimeout.toMillis(), TimeUnit.MILLISECONDS);

            if (stop != null) {
                // SIGTERM: the runner aborts the execution and still reports its events and result.
                // Through the process handle, which only signals: Process.destroy also closes its streams
                stop.attach(() -> running.toHandle().destroy());
            }
            Outcome outcome = readEvents(node.getInputStream(), listener == null ? ExecutionListener.NONE : listener);
            node.waitFor();
            stderr.join(TimeUnit.SECONDS.toMillis(5));
            if (outcome.result != null && "Result".equals(outcome.result.path("type").asText())) {
                ACCEPTED.add(digest);
                recordAccepted(definitionJson);
            }
            return result(outcome, node.exitValue(), timedOut.get(), engineLog.toString());
        } catch (IOException e) {
            throw new LocalEngineException("Lost contact with the local engine's node process", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalEngineException("Interrupted while the local engine was running", e);
        } finally {
            if (stop != null) {
                stop.detach();
            }
            watchdog.shutdownNow();
            if (node != null) {
                destroy(node);
            }
            server.stop(0);
            callbackThreads.shutdownNow();
        }
    }

    /** Whether a run of this definition text found it accepted by the engine (its later runs skip validating it). */
    static boolean accepted(String definitionJson) {
        return ACCEPTED.contains(digest(definitionJson));
    }

    private static String digest(String text) {
        return digest(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * The record of {@code definitionJson} having been accepted by this engine: named after the definition's text
     * and the engine's runner script and locked packages, so that an edited definition, runner or package version is
     * validated again. Null when nothing is recorded (no folder, or the engine's files cannot be read).
     */
    private Path record(String definitionJson) {
        if (acceptedRecords == null) {
            return null;
        }
        synchronized (this) {
            if (engineDigest == null) {
                try {
                    engineDigest = digest(digest(Files.readAllBytes(engine.path().resolve("runner.mjs")))
                            + digest(Files.readAllBytes(engine.path().resolve("package-lock.json"))));
                } catch (IOException e) {
                    return null;
                }
            }
        }
        return acceptedRecords.resolve(digest(engineDigest + digest(definitionJson)));
    }

    /** Whether a run of this engine, in this JVM or an earlier one, recorded {@code definitionJson} as accepted. */
    boolean recordedAccepted(String definitionJson) {
        Path record = record(definitionJson);
        return record != null && Files.exists(record);
    }

    /** Records an accepted definition; a record that cannot be written costs the next run its validation, nothing else. */
    void recordAccepted(String definitionJson) {
        Path record = record(definitionJson);
        if (record == null || Files.exists(record)) {
            return;
        }
        try {
            Files.createDirectories(record.getParent());
            Files.createFile(record);
        } catch (IOException alreadyThereOrNotWritable) {
            // recorded by a concurrent run, or the cache folder is read-only: validated again next time
        }
    }

    private ExecutionResult result(Outcome outcome, int exitCode, boolean timedOut, String engineLog) {
        if (timedOut && outcome.result == null) {
            return new ExecutionResult("TIMED_OUT", null, "LocalEngine.RunTimeout",
                    "The local run was stopped after " + runTimeout, outcome.events, engineLog);
        }
        JsonNode last = outcome.result;
        if (last == null) {
            throw new LocalEngineException("The local engine's node process exited (code " + exitCode
                    + ") without a result; its log:\n" + engineLog);
        }
        if ("EngineError".equals(last.path("type").asText())) {
            throw new LocalEngineException("The local engine could not run the definition: "
                    + last.path("message").asText() + (engineLog.isBlank() ? "" : "\nIts log:\n" + engineLog));
        }
        return new ExecutionResult(last.path("status").asText(), jsonOrNull(last.get("output")),
                textOrNull(last.get("error")), textOrNull(last.get("cause")), outcome.events, engineLog);
    }

    private record Outcome(List<ExecutionEvent> events, JsonNode result) {
    }

    private static Outcome readEvents(InputStream stdout, ExecutionListener listener) throws IOException {
        List<ExecutionEvent> events = new ArrayList<>();
        JsonNode result = null;
        BufferedReader lines = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8));
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                LOG.log(System.Logger.Level.WARNING, "local engine: {0}", line);
                continue;
            }
            String type = node.path("type").asText();
            if ("Result".equals(type) || "EngineError".equals(type)) {
                result = node;
                continue;
            }
            ExecutionEvent event = new ExecutionEvent(type, textOrNull(node.get("state")),
                    textOrNull(node.get("stateType")), jsonOrNull(node.get("input")), jsonOrNull(node.get("output")),
                    textOrNull(node.get("error")), textOrNull(node.get("cause")),
                    Instant.parse(node.path("timestamp").asText()));
            events.add(event);
            listener.onEvent(event);
        }
        return new Outcome(events, result);
    }

    private static HttpServer startCallbackServer(TaskInvoker invoker, ExecutorService threads) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 0);
            server.createContext("/task", exchange -> answer(exchange, invoker));
            server.setExecutor(threads);
            server.start();
            return server;
        } catch (IOException e) {
            threads.shutdownNow();
            throw new LocalEngineException("Cannot open the local engine's loopback callback port", e);
        }
    }

    private static void answer(HttpExchange exchange, TaskInvoker invoker) throws IOException {
        try (exchange) {
            int status = 200;
            byte[] body;
            try {
                body = JSON.writeValueAsBytes(invoke(JSON.readTree(exchange.getRequestBody()), invoker));
            } catch (RuntimeException | IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "local engine task callback failed", e);
                status = 500;
                body = String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    /** Runs the Task and answers as the runner expects: output, a function error or a service error. */
    private static ObjectNode invoke(JsonNode call, TaskInvoker invoker) {
        String state = call.path("state").asText();
        String resource = call.path("resource").asText();
        String input = call.path("input").toString();
        ObjectNode answer = JSON.createObjectNode();
        String output;
        try {
            output = invoker.invoke(state, resource, input);
        } catch (IntegrationFailure failure) {
            answer.putObject("serviceError").put("Error", failure.error()).put("Cause", failure.causeText());
            return answer;
        } catch (Exception | Error thrown) {
            // What the Lambda Java runtime reports for an uncaught throwable; Step Functions matches errorType.
            ObjectNode document = answer.putObject("functionError");
            document.put("errorMessage", thrown.getMessage());
            document.put("errorType", thrown.getClass().getName());
            document.putArray("stackTrace");
            return answer;
        }
        answer.set("output", output == null ? NullNode.getInstance() : parseOutput(state, output));
        return answer;
    }

    private static JsonNode parseOutput(String state, String output) {
        try {
            JsonNode node = JSON.readTree(output);
            if (node == null || node.isMissingNode()) {
                throw new IllegalStateException("The task invoker returned no JSON for state " + state);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The task invoker returned invalid JSON for state " + state + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    private static TaskInvoker unexpectedTask() {
        return (state, resource, input) -> {
            throw new IllegalStateException("No task invoker was given, but state " + state + " is a Task");
        };
    }

    private static JsonNode parse(String json, String what) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException("The " + what + " is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The " + what + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static ObjectNode millis(Map<String, Duration> byState) {
        ObjectNode node = JSON.createObjectNode();
        byState.forEach((state, duration) -> node.put(state, duration.toMillis()));
        return node;
    }

    private static Thread drain(InputStream stderr, StringBuffer log) {
        Thread thread = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    LOG.log(System.Logger.Level.DEBUG, "local engine: {0}", line);
                    if (log.length() < ENGINE_LOG_LIMIT) {
                        log.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                log.append("(engine log cut short: ").append(e.getMessage()).append(")\n");
            }
        }, "dbrefresh-engine-log");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * Kills the runner and whatever it started, and waits (at most 10 s) until they are gone: a
     * killed process still counts as alive until it is reaped, which on a busy machine outlasts the
     * call. Through the process handles, which only signal: {@link Process#destroyForcibly} also
     * closes the streams, and the reader of the runner's events would then fail on a closed stream
     * instead of reading to its end.
     */
    private static void destroy(Process process) {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // signalled: a process that outlives the wait ends with the JVM's own exit at the latest
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static String jsonOrNull(JsonNode node) {
        return node == null ? null : node.toString();
    }
}
