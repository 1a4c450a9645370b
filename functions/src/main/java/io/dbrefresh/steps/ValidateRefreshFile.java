package io.dbrefresh.steps;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import io.dbrefresh.execution.ExecutionRef;
import io.dbrefresh.execution.InvalidRefreshFileException;
import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.refreshfile.PlannedStep;
import io.dbrefresh.refreshfile.RefreshFileResult;
import io.dbrefresh.refreshfile.RefreshFiles;
import io.dbrefresh.refreshfile.RefreshPlan;

/**
 * The first Task: parse and check the refresh file, fail with every problem listed before
 * any database is touched, and hand the state machine the normalised plan.
 */
public class ValidateRefreshFile extends StepHandler<ValidateRefreshFile.Request, RefreshPlan> {

    /** The Task's payload: the execution input (the refresh file) and the execution. */
    public record Request(JsonNode refreshFile, ExecutionRef execution) {
    }

    public ValidateRefreshFile() {
        this(StepEnvironment.fromEnvironment());
    }

    public ValidateRefreshFile(StepEnvironment env) {
        super(Request.class);
    }

    @Override
    protected RefreshPlan handle(Request request) {
        RefreshFileResult result;
        try {
            result = RefreshFiles.read(Json.MAPPER.writeValueAsString(request.refreshFile()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidRefreshFileException("the execution input is not a JSON document: " + e.getOriginalMessage());
        }
        if (!result.valid()) {
            throw new InvalidRefreshFileException(result.errors().size() + " problem(s) in the refresh file: "
                    + result.errors().stream().map(Object::toString).collect(Collectors.joining("; ")));
        }
        RefreshPlan plan = result.plan();
        List<String> missing = new ArrayList<>();
        for (PlannedStep s : plan.steps().values()) {
            if (s.run() && StepRegistry.forStep(s.id()).isEmpty()) {
                missing.add(s.id().displayName());
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidRefreshFileException("this deployment cannot run step(s) " + String.join(", ", missing)
                    + " that the refresh file asks for (" + plan.service().json() + "); set their torun to false");
        }
        return plan;
    }
}
