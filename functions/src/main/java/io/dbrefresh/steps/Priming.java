package io.dbrefresh.steps;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.dbrefresh.aws.AwsService;
import io.dbrefresh.execution.ExecutionRef;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.fleet.FleetRun;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.refreshfile.RefreshFileResult;
import io.dbrefresh.refreshfile.RefreshFiles;
import io.dbrefresh.refreshfile.StepId;

/**
 * What a handler does before its SnapStart snapshot so that its first request after a restore
 * finds the request path's classes loaded: one JSON round trip of a real input (the README's
 * main job, planned by the real validator) through the handler's own reader and writer, and
 * one offline call per AWS service its function may use ({@link AwsService#prime()}). Nothing
 * it does reaches the network, resolves a credential or touches the handler's own clients, so
 * no connection and no credential is carried into the snapshot.
 */
final class Priming {

    private static final String REFRESH_FILE = "/io/dbrefresh/steps/priming/rds-latestpoint.json";
    private static final ExecutionRef EXECUTION = new ExecutionRef(
            "arn:aws:states:us-east-1:000000000000:execution:dbrefresh:priming", "priming");

    private Priming() {
    }

    /**
     * What a priming did: the JSON it wrote, the services it called (each answered from
     * memory), and what failed. A failure is reported, never thrown: a snapshot taken less
     * primed is still a correct one.
     */
    record Primed(int jsonChars, Set<AwsService> services, int offlineRequests, List<String> failures) {
    }

    static Primed prime(StepHandler<?, ?> handler) {
        List<String> failures = new ArrayList<>();
        int jsonChars = 0;
        try {
            jsonChars = handler.roundTrip(input(handler.inputType())).length();
        } catch (IOException | RuntimeException e) {
            failures.add("JSON round trip: " + e);
        }
        Set<AwsService> services = EnumSet.noneOf(AwsService.class);
        int requests = 0;
        for (AwsService service : services(handler.getClass())) {
            try {
                requests += service.prime().requests();
                services.add(service);
            } catch (RuntimeException e) {
                failures.add(service + ": " + e);
            }
        }
        return new Primed(jsonChars, Set.copyOf(services), requests, List.copyOf(failures));
    }

    /** The services the function built on {@code handler} may call, read from its grants in the registry. */
    static Set<AwsService> services(Class<?> handler) {
        Set<AwsService> services = EnumSet.noneOf(AwsService.class);
        StepRegistry.all().stream().filter(f -> f.handlerClass().equals(handler.getName()))
                .flatMap(f -> f.grants().stream()).flatMap(c -> c.services().stream()).forEach(services::add);
        return services;
    }

    /** A real input of the handler's type, as JSON. */
    static String input(Class<?> inputType) throws IOException {
        JsonNode refreshFile = Json.MAPPER.readTree(refreshFile());
        // planned by the real validator for every handler: the validation's classes (and the schema it loads once) are
        // the whole request path of validate, and the plan is the largest part of every other step's input
        RefreshFileResult planned = RefreshFiles.read(refreshFile());
        if (!planned.valid()) {
            throw new IllegalStateException("the priming refresh file is not valid: " + planned.errors());
        }
        if (inputType == ValidateRefreshFile.Request.class) {
            // validate answers with the plan: its serializers are built once per mapper, here
            Json.MAPPER.writeValueAsString(planned.plan());
            return Json.MAPPER.writeValueAsString(new ValidateRefreshFile.Request(refreshFile, EXECUTION));
        }
        if (inputType == StepInput.class) {
            StepResult started = StepResult.started(StepId.PERFORM_RESTORE.id(), 30, Instant.EPOCH, "priming",
                    "priming", true);
            return Json.MAPPER.writeValueAsString(new StepInput(planned.plan(), Map.of(StepId.PERFORM_RESTORE, started),
                    EXECUTION, StepId.PERFORM_RESTORE, null, null, null, refreshFile));
        }
        if (inputType == ShareSource.Request.class) {
            return Json.MAPPER.writeValueAsString(new ShareSource.Request(planned.plan(), EXECUTION, null));
        }
        if (inputType == RecoverEndedExecution.StatusChange.class) {
            // the plan it recovers comes from the execution's history, as the other steps' inputs hold it
            Json.MAPPER.writeValueAsString(new StepInput(planned.plan(), Map.of(), EXECUTION, null, "FAILED", null, null, null));
            return Json.MAPPER.writeValueAsString(new RecoverEndedExecution.StatusChange(new RecoverEndedExecution.StatusChange.Detail(
                    EXECUTION.id(), EXECUTION.name(), "ABORTED", 0L, null, null, refreshFile.toString())));
        }
        if (inputType == FleetRun.class) {
            // a fleet of the README's main job; the plan's classes are loaded above, as the alignment reads each file
            return Json.MAPPER.writeValueAsString(new FleetRun(new FleetRun.About("priming", 0, 1, true, null, null), 1,
                    List.of(List.of(new FleetRun.Item(planned.plan().target(), refreshFile)))));
        }
        throw new IllegalStateException("no priming input for a handler of " + inputType.getName());
    }

    private static String refreshFile() {
        try (InputStream in = Priming.class.getResourceAsStream(REFRESH_FILE)) {
            if (in == null) {
                throw new IllegalStateException(REFRESH_FILE + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
