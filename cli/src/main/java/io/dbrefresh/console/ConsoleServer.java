package io.dbrefresh.console;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbrefresh.aws.AwsClients;
import io.dbrefresh.cli.HistoryView;
import io.dbrefresh.fleet.FleetMember;
import io.dbrefresh.history.HistoryTable;
import io.dbrefresh.local.EmulatedWorld;
import io.dbrefresh.local.SecurityGroupStandIns;
import io.dbrefresh.preflight.Preflight;
import io.dbrefresh.refreshfile.DbService;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.refreshfile.Problem;
import io.dbrefresh.refreshfile.RefreshFileResult;
import io.dbrefresh.refreshfile.RefreshFiles;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.RestoreType;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@code dbrefresh console}: the web server behind the console's page. It serves the page
 * (plain files from the jar) and a small JSON API over the same classes the commands use:
 * the reader and its schema, the plan and timeline tables, the pre-flight, the local engine,
 * the history. The API is documented in docs/console.md.
 *
 * <p>Safety: bound to a loopback address it answers only requests addressed to that host (a
 * web page elsewhere cannot reach it through a name that resolves here); bound elsewhere,
 * every API request needs the token; a request that runs or starts a refresh, or writes a
 * file, needs the token always. Request bodies are limited in size and read strictly.
 */
public final class ConsoleServer implements AutoCloseable {

    /** The header (or, for the page's event stream, the query parameter {@code token}) that carries the token. */
    public static final String TOKEN_HEADER = "X-Dbrefresh-Token";

    /** The largest request body: a refresh file is a few kilobytes, the reader's own limit is far below this. */
    public static final int MAX_BODY_BYTES = 512 * 1024;

    /**
     * @param bind            the address to listen on (127.0.0.1 unless told otherwise)
     * @param port            the port (0: any free one)
     * @param folder          the folder of refresh files to list, open and save into
     * @param home            the project folder (the local engine, the samples)
     * @param token           the token requests must carry
     * @param aws             the AWS account of pre-flight, start and history: the caller's credentials
     * @param historyTable    the history table the fleet view reads
     * @param stack           the deployed stack whose state machine {@code start} uses
     * @param stateMachineArn the state machine to start instead of the stack's, or null
     */
    public record Settings(String bind, int port, Path folder, Path home, String token, Supplier<AwsClients> aws,
                           String historyTable, String stack, String stateMachineArn) {
    }

    /** An answer other than 200 with a message: the request is refused for a reason the message says. */
    static final class Refusal extends RuntimeException {
        private final int status;

        Refusal(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private static final Map<String, ApiRequest.Kind> FILE_ONLY = Map.of("file", ApiRequest.Kind.TEXT);

    private final Settings settings;
    private final boolean loopback;
    private final RefreshFileForm form = new RefreshFileForm();
    private final RefreshFileChecks checks = new RefreshFileChecks();
    private final RefreshFolder folder;
    private final ConsoleRuns runs;
    private final Javalin app;
    private final PrintStream log;

    private ConsoleServer(Settings settings, PrintStream log) {
        this.settings = settings;
        this.log = log;
        this.loopback = isLoopback(settings.bind());
        this.folder = new RefreshFolder(settings.folder());
        this.runs = new ConsoleRuns(settings.home(),
                new ConsoleRuns.AwsTarget(settings.aws(), settings.stack(), settings.stateMachineArn()));
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = MAX_BODY_BYTES;
            config.jetty.host = settings.bind();
            config.jetty.port = settings.port();
            config.staticFiles.add("/console", Location.CLASSPATH);
            config.routes.before(this::guard);
            config.routes.get("/api/info", this::info);
            config.routes.get("/api/form", this::form);
            config.routes.post("/api/check", ctx -> json(ctx, checks.check(fileOf(ctx))));
            config.routes.post("/api/timeline", this::timeline);
            config.routes.post("/api/preflight", this::preflight);
            config.routes.get("/api/files", this::files);
            config.routes.get("/api/files/{name}", this::openFile);
            config.routes.post("/api/save", this::save);
            config.routes.post("/api/runs", this::startRun);
            config.routes.get("/api/runs/{id}", ctx -> json(ctx, run(ctx).json()));
            config.routes.sse("/api/runs/{id}/events", client -> {
                ConsoleRun run = run(client.ctx());
                int next = 0;
                try {
                    while (!client.terminated()) {
                        List<ConsoleRun.Line> lines = run.linesFrom(next, Duration.ofSeconds(15));
                        for (ConsoleRun.Line line : lines) {
                            client.sendEvent("line", line.json().toString());
                        }
                        next += lines.size();
                        if (lines.isEmpty() && run.finished()) {
                            client.sendEvent("end", run.json().toString());
                            break;
                        }
                        if (lines.isEmpty()) {
                            client.sendComment("still running");
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                client.close();
            });
            config.routes.get("/api/fleet", this::fleet);
            config.routes.get("/api/history", this::history);
            config.routes.exception(ApiRequest.BadRequest.class, (e, ctx) -> {
                ObjectNode body = error("the request is not valid: " + e.problems().size() + " problem(s)");
                body.set("problems", RefreshFileChecks.problems(e.problems()));
                json(ctx.status(400), body);
            });
            config.routes.exception(Refusal.class, (e, ctx) -> json(ctx.status(e.status), error(e.getMessage())));
            config.routes.exception(ConsoleRuns.Refused.class, (e, ctx) -> json(ctx.status(e.status()), error(e.getMessage())));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> json(ctx.status(e.getStatus()), error(
                    e.getStatus() == 413 ? "the request body is larger than " + MAX_BODY_BYTES + " bytes" : e.getMessage())));
            config.routes.exception(Exception.class, (e, ctx) -> {
                // a bug, not the caller's mistake: the caller gets its name, never a stack trace; the terminal gets the trace
                log.println("dbrefresh console: unexpected error on " + ctx.method() + " " + ctx.path() + ": " + e);
                json(ctx.status(500), error("unexpected error (" + e.getClass().getSimpleName() + "): see the console's terminal"));
            });
            config.routes.error(404, ctx -> {
                if (ctx.path().startsWith("/api/") && !isJson(ctx)) {
                    json(ctx, error("no such API path: " + ctx.method() + " " + ctx.path()));
                }
            });
            config.routes.error(405, ctx -> json(ctx, error(ctx.method() + " is not allowed on " + ctx.path())));
        });
    }

    /** Starts the console; {@link #url()} says where it listens. */
    public static ConsoleServer start(Settings settings, PrintStream log) {
        ConsoleServer server = new ConsoleServer(settings, log);
        server.app.start();
        return server;
    }

    /** A new random token, for one run of the console. */
    public static String newToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The page's address, without the token. */
    public URI url() {
        String host = settings.bind().contains(":") ? "[" + settings.bind() + "]" : settings.bind();
        if (host.equals("0.0.0.0") || host.equals("[::]")) {
            host = "127.0.0.1";
        }
        return URI.create("http://" + host + ":" + app.port() + "/");
    }

    public int port() {
        return app.port();
    }

    public boolean loopback() {
        return loopback;
    }

    @Override
    public void close() {
        runs.close();
        app.stop();
    }

    private void guard(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Cache-Control", "no-store");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'");
        if (loopback && !addressedHere(ctx.host())) {
            throw new Refusal(403, "this console answers requests to " + url().getAuthority() + " only");
        }
        if (!ctx.path().startsWith("/api/")) {
            return;
        }
        if (!loopback) {
            requireToken(ctx, "bound to " + settings.bind() + ", the console answers only requests that carry its token");
        }
        if ("POST".equals(ctx.method().name())) {
            String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
            if (!type.startsWith("application/json")) {
                throw new Refusal(415, "send the request body as JSON (Content-Type: application/json)");
            }
            String length = ctx.header("Content-Length");
            if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > MAX_BODY_BYTES) {
                throw new Refusal(413, "the request body is larger than " + MAX_BODY_BYTES + " bytes");
            }
        }
    }

    private void requireToken(Context ctx, String why) {
        String given = ctx.header(TOKEN_HEADER);
        if (given == null) {
            given = ctx.queryParam("token");
        }
        byte[] expected = settings.token().getBytes(StandardCharsets.UTF_8);
        if (given == null || !MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
            throw new Refusal(401, why + ": give the token the console printed when it started (header " + TOKEN_HEADER + ")");
        }
    }

    private boolean addressedHere(String host) {
        if (host == null) {
            return false;
        }
        String name = host.replaceFirst(":\\d+$", "").toLowerCase(Locale.ROOT);
        return name.equals("localhost") || name.equals("127.0.0.1") || name.equals("[::1]") || name.equals(settings.bind());
    }

    private void info(Context ctx) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("folder", folder.path().getFileName() == null ? folder.path().toString() : folder.path().getFileName().toString());
        o.put("loopback", loopback);
        o.put("historyTable", settings.historyTable());
        o.putArray("services").add(DbService.RDS.json()).add(DbService.AURORA.json());
        var types = o.putArray("restoreTypes");
        for (RestoreType t : RestoreType.values()) {
            types.add(t.json());
        }
        json(ctx, o);
    }

    private void form(Context ctx) {
        String service = oneOf(ctx.queryParam("service"), "service", DbService.RDS.json(), DbService.AURORA.json());
        String type = oneOf(ctx.queryParam("restoretype"), "restoretype",
                java.util.Arrays.stream(RestoreType.values()).map(RestoreType::json).toArray(String[]::new));
        json(ctx, form.describe(DbService.fromJson(service), RestoreType.fromJson(type)));
    }

    private static String oneOf(String value, String name, String... allowed) {
        if (value != null && List.of(allowed).contains(value)) {
            return value;
        }
        throw new ApiRequest.BadRequest("?" + name, (value == null ? "missing: " : "must be ") + "one of " + String.join(", ", allowed));
    }

    private void timeline(Context ctx) {
        ApiRequest request = ApiRequest.read(ctx.body(), Map.of("file", ApiRequest.Kind.TEXT, "sizeGib", ApiRequest.Kind.NUMBER),
                Set.of("file"));
        Double size = request.number("sizeGib");
        json(ctx, checks.timeline(request.text("file"), size == null ? 100 : size));
    }

    private void preflight(Context ctx) {
        ApiRequest request = ApiRequest.read(ctx.body(), Map.of("file", ApiRequest.Kind.TEXT, "account", ApiRequest.Kind.TEXT),
                Set.of("file", "account"));
        String account = request.text("account");
        if (!account.equals("aws") && !account.equals("emulated")) {
            throw new ApiRequest.BadRequest("/account", "must be aws (the console's AWS credentials) or emulated"
                    + " (the account a local run seeds)");
        }
        json(ctx, checks.preflight(request.text("file"), account.equals("aws") ? this::preflightOnAws : ConsoleServer::preflightEmulated));
    }

    private Preflight.Findings preflightOnAws(RefreshPlan plan) {
        return Preflight.using(settings.aws().get()).review(plan, Preflight.Defaults.NONE);
    }

    /** The pre-flight against the account a local run of this file would seed, in a world of its own (moto alone). */
    private static Preflight.Findings preflightEmulated(RefreshPlan plan) {
        try (EmulatedWorld world = EmulatedWorld.start(List.of(), null)) {
            world.seed(plan, null);
            return Preflight.using(SecurityGroupStandIns.over(world.aws())).review(plan, Preflight.Defaults.NONE);
        }
    }

    private void files(Context ctx) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        folder.names().forEach(o.putArray("files")::add);
        json(ctx, o);
    }

    private void openFile(Context ctx) throws IOException {
        String text = folder.read(ctx.pathParam("name"));
        if (text == null) {
            throw new Refusal(404, "no file " + ctx.pathParam("name") + " in the console's folder");
        }
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("name", ctx.pathParam("name"));
        o.put("file", HiddenPasswords.hide(text));
        json(ctx, o);
    }

    private void save(Context ctx) throws IOException {
        requireToken(ctx, "saving a file needs the token");
        ApiRequest request = ApiRequest.read(ctx.body(), Map.of("file", ApiRequest.Kind.TEXT, "name", ApiRequest.Kind.TEXT),
                Set.of("file", "name"));
        String file = request.text("file");
        refuseHiddenPassword(file, "saved");
        RefreshFileResult result = RefreshFiles.read(file);
        if (!result.valid()) {
            ObjectNode body = checks.check(file);
            body.put("error", "not saved: the file has " + result.errors().size() + " error(s); fix them first");
            json(ctx.status(422), body);
            return;
        }
        Path saved = folder.save(request.text("name"), file);
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("saved", saved.getFileName().toString());
        json(ctx, o);
    }

    private void startRun(Context ctx) {
        requireToken(ctx, "running or starting a refresh needs the token");
        ApiRequest request = ApiRequest.read(ctx.body(), Map.of("file", ApiRequest.Kind.TEXT, "mode", ApiRequest.Kind.TEXT),
                Set.of("file", "mode"));
        String mode = request.text("mode");
        if (!mode.equals("local") && !mode.equals("aws")) {
            throw new ApiRequest.BadRequest("/mode", "must be local (run --local) or aws (start)");
        }
        String file = request.text("file");
        refuseHiddenPassword(file, mode.equals("local") ? "run" : "started");
        RefreshFileResult result = RefreshFiles.read(file);
        if (!result.valid()) {
            ObjectNode body = checks.check(file);
            body.put("error", "not " + (mode.equals("local") ? "run" : "started") + ": fix the errors first");
            json(ctx.status(422), body);
            return;
        }
        ConsoleRun run = mode.equals("local") ? runs.runLocally(file, result.plan()) : runs.startOnAws(file, result.plan());
        json(ctx.status(202), run.json());
    }

    private static void refuseHiddenPassword(String file, String notDone) {
        if (HiddenPasswords.holdsPlaceholder(file)) {
            throw new Refusal(422, "not " + notDone + ": the file holds a password the console hid when it opened the file;"
                    + " type it again, or better, use secretname");
        }
    }

    private ConsoleRun run(Context ctx) {
        ConsoleRun run = runs.get(ctx.pathParam("id"));
        if (run == null) {
            throw new Refusal(404, "no run " + ctx.pathParam("id") + " in this console");
        }
        return run;
    }

    private void fleet(Context ctx) {
        String days = ctx.queryParam("maxAgeDays");
        if (days != null && !days.matches("\\d{1,4}")) {
            throw new ApiRequest.BadRequest("?maxAgeDays", "must be a whole number of days");
        }
        Duration maxAge = Duration.ofDays(days == null ? 7 : Long.parseLong(days));
        json(ctx, FleetGrid.read(new HistoryTable(settings.aws().get().dynamoDb()), settings.historyTable(), declared(), maxAge,
                Instant.now()));
    }

    /** The targets the folder's valid refresh files declare; a file that does not read is not a target yet. */
    private List<FleetMember> declared() {
        List<FleetMember> members = new java.util.ArrayList<>();
        for (String name : folder.names()) {
            try {
                String text = folder.read(name);
                RefreshPlan plan = text == null ? null : RefreshFiles.read(text).plan();
                if (plan != null) {
                    members.add(new FleetMember(name, text, plan));
                }
            } catch (IOException e) {
                log.println("dbrefresh console: " + name + " cannot be read: " + e.getMessage());
            }
        }
        return members;
    }

    private void history(Context ctx) {
        String database = ctx.queryParam("database");
        if (database == null || database.isBlank() || database.length() > 255) {
            throw new ApiRequest.BadRequest("?database", "missing: the database whose refreshes to show");
        }
        HistoryTable history = new HistoryTable(settings.aws().get().dynamoDb());
        ctx.contentType("application/json").result(HistoryView.json(history.byDatabase(settings.historyTable(), database, null, 50)));
    }

    private static String fileOf(Context ctx) {
        return ApiRequest.read(ctx.body(), FILE_ONLY, Set.of("file")).text("file");
    }

    private static ObjectNode error(String message) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("error", message);
        return o;
    }

    private static boolean isJson(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null && type.startsWith("application/json");
    }

    private static void json(Context ctx, JsonNode body) {
        ctx.contentType("application/json").result(body.toString());
    }

    private static boolean isLoopback(String bind) {
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot bind to " + bind + ": unknown address");
        }
    }
}
