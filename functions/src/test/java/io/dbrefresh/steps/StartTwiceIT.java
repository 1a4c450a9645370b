package io.dbrefresh.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.dbrefresh.aws.AwsClients;
import io.dbrefresh.execution.ExecutionRef;
import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.execution.StepStatus;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.RestoreType;
import io.dbrefresh.refreshfile.StepId;
import io.dbrefresh.testing.Emulators;
import io.dbrefresh.testing.Plans;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.Tag;

/**
 * Lambda retries a Task whose answer was lost: the same start handler runs twice with the
 * same input. Through a whole refresh against moto, every start is invoked twice; the second
 * call must change nothing (no call other than Describe/List) and report the step's progress.
 */
class StartTwiceIT {

    private static final String EXECUTION = "refresh-twice-it";

    private final Map<StepId, StepResult> results = new LinkedHashMap<>();

    @Test
    void everyStartHandler_invokedTwiceForTheSameExecution_actsOnceAndReportsProgressTheSecondTime() {
        Emulators.reset();
        MutatingCalls calls = new MutatingCalls();
        AwsClients clients = Emulators.clients(calls);
        RdsClient rds = clients.rds();
        for (String id : List.of("prod", "qa")) {
            rds.createDBInstance(r -> r.dbInstanceIdentifier(id).engine("mysql").dbInstanceClass("db.t3.micro").allocatedStorage(20)
                    .masterUsername("admin").masterUserPassword("only-a-test-value").backupRetentionPeriod(7)
                    .tags(Tag.builder().key("env").value(id).build()));
        }
        rds.createDBInstanceReadReplica(r -> r.dbInstanceIdentifier("qa-r1").sourceDBInstanceIdentifier("qa").dbInstanceClass("db.t3.small"));
        RefreshPlan plan = Plans.plan("prod", "qa", Plans.restore(RestoreType.LATEST_POINT, "prod", "qa"),
                Plans.delete("qa", true, false), Plans.replicasAsBefore(), 30, 5);
        StepEnvironment env = new StepEnvironment(clients, Clock.systemUTC(), 0, null, null);
        CheckStep check = new CheckStep(env);

        Map<StepId, StepHandler<StepInput, StepResult>> starts = new LinkedHashMap<>();
        starts.put(StepId.DELETE_REPLICAS, new DeleteReplicas(env));
        starts.put(StepId.STOP_OLD_DATABASE, new StopOldDatabase(env));
        starts.put(StepId.PERFORM_RESTORE, new PerformRestore(env));
        starts.put(StepId.DELETE_OLD_DATABASE, new DeleteOldDatabase(env));
        starts.put(StepId.RENAME_DATABASE, new RenameDatabase(env));
        starts.put(StepId.FIX_TAGS, new FixTags(env));
        starts.put(StepId.CREATE_READ_REPLICAS, new CreateReadReplicas(env));

        for (Map.Entry<StepId, StepHandler<StepInput, StepResult>> e : starts.entrySet()) {
            StepId step = e.getKey();
            StepInput input = new StepInput(plan, Map.copyOf(results), execution(), null, null, null);
            calls.clear();
            StepResult first = throughTheDoor(e.getValue(), input);
            List<String> firstCalls = calls.snapshot();
            calls.clear();
            StepResult second = throughTheDoor(e.getValue(), input);
            List<String> secondCalls = calls.snapshot();

            assertThat(firstCalls).as(step.displayName() + ": the first start acts").isNotEmpty();
            assertThat(secondCalls).as(step.displayName() + ": the second start changes nothing").isEmpty();
            assertThat(second.status()).as(step.displayName()).isIn(StepStatus.IN_PROGRESS, StepStatus.SUCCEEDED);
            assertThat(second.resource()).as(step.displayName()).isEqualTo(first.resource());

            // moto deletes a replica at once, so a retried delete-replicas finds it gone and cannot name
            // it again; on AWS it is still "deleting" for minutes and is remembered. Keep the first
            // answer's list so create-read-replicas has replicas to recreate
            results.put(step, step == StepId.DELETE_REPLICAS ? first : second);
            StepResult r = results.get(step);
            for (int poll = 0; r.status() == StepStatus.IN_PROGRESS && poll < 5; poll++) {
                r = throughTheDoor(check, new StepInput(plan, Map.copyOf(results), execution(), step, null, null));
                results.put(step, r);
            }
            assertThat(r.status()).as(step.displayName() + ": " + r.message()).isEqualTo(StepStatus.SUCCEEDED);
        }
        assertThat(rds.describeDBInstances().dbInstances()).extracting(i -> i.dbInstanceIdentifier())
                .containsExactlyInAnyOrder("prod", "qa", "qa-r1");
    }

    private static ExecutionRef execution() {
        return new ExecutionRef("arn:aws:states:us-east-1:123456789012:execution:refresh:" + EXECUTION, EXECUTION);
    }

    private static StepResult throughTheDoor(StepHandler<StepInput, StepResult> handler, StepInput input) {
        try {
            return Json.MAPPER.readValue(handler.handle(Json.MAPPER.writeValueAsString(input)), StepResult.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every AWS call that may change something: all but Describe* and List*. */
    static final class MutatingCalls implements ExecutionInterceptor {
        private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            String op = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
            if (!op.startsWith("Describe") && !op.startsWith("List")) {
                calls.add(op);
            }
        }

        void clear() {
            calls.clear();
        }

        List<String> snapshot() {
            synchronized (calls) {
                return List.copyOf(calls);
            }
        }
    }
}
