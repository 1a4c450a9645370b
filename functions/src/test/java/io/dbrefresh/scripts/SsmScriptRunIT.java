package io.dbrefresh.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.dbrefresh.aws.AwsClients;
import io.dbrefresh.execution.InvalidRefreshFileException;
import io.dbrefresh.execution.Observation;
import io.dbrefresh.execution.Progress;
import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.execution.StepStatus;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.steps.RunScripts;
import io.dbrefresh.testing.Emulators;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.ssm.model.CommandInvocationStatus;
import software.amazon.awssdk.services.ssm.model.GetCommandInvocationResponse;
import software.amazon.awssdk.services.ssm.model.SendCommandRequest;

/**
 * {@code method: ec2} against moto: the command sent to the tagged instance, and the check's
 * reading of the command and the report. moto's SendCommand runs nothing and reports Success
 * at once, so the instance's report and other command statuses are simulated (the report
 * written by the test, statuses rewritten by an interceptor).
 */
class SsmScriptRunIT {

    private static final String PASSWORD = "Ec2-Never-In-Command-9";
    private static final String BUCKET = "dbrefresh-scripts";
    private static final String PREFIX = "sqlscripts/app1/appdbdev";

    /** Records every request body sent to AWS and can rewrite GetCommandInvocation answers. */
    static final class Traffic implements ExecutionInterceptor {
        final List<String> bodies = new CopyOnWriteArrayList<>();
        final List<SdkRequest> requests = new CopyOnWriteArrayList<>();
        volatile CommandInvocationStatus status;
        volatile String stderr;

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            requests.add(context.request());
            context.requestBody().ifPresent(body -> {
                try (InputStream in = body.contentStreamProvider().newStream()) {
                    bodies.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }

        @Override
        public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
            if (status != null && context.response() instanceof GetCommandInvocationResponse r) {
                return r.toBuilder().status(status).statusDetails(status.toString()).standardErrorContent(stderr).build();
            }
            return context.response();
        }
    }

    private final Traffic traffic = new Traffic();
    private AwsClients setup;
    private StepEnvironment env;
    /** moto's SendCommand does not check the instance; finding one by tag is unit-tested (moto lacks DescribeInstanceInformation). */
    private final String runnerId = "i-0a1b2c3d4e5f60718";

    @BeforeEach
    void account() {
        Emulators.reset();
        setup = Emulators.clients();
        env = new StepEnvironment(Emulators.clients(traffic), Clock.systemUTC(), 0, null, null);
        setup.rds().createDBInstance(b -> b.dbInstanceIdentifier("appdbdev").engine("mysql").dbInstanceClass("db.t3.micro")
                .masterUsername("admin").masterUserPassword(PASSWORD).allocatedStorage(20));
        setup.s3().createBucket(b -> b.bucket(BUCKET));
        setup.s3().putObject(b -> b.bucket(BUCKET).key(PREFIX + "/01-mask.sql"), RequestBody.fromString("UPDATE t SET a = 1;"));
        setup.secretsManager().createSecret(b -> b.name("app1/appdbdev/admin")
                .secretString("{\"username\":\"admin\",\"password\":\"" + PASSWORD + "\"}"));
    }

    private StepInput input() {
        return ScriptFixtures.input(s -> {
            s.put("method", "ec2");
            s.putArray("keys").add("01-mask.sql");
            s.put("ec2InstanceId", runnerId);
        });
    }

    private StepResult start(StepInput in) throws Exception {
        return Json.MAPPER.readValue(new RunScripts(env).handle(Json.MAPPER.writeValueAsString(in)), StepResult.class);
    }

    private SendCommandRequest sent() {
        return traffic.requests.stream().filter(SendCommandRequest.class::isInstance).map(SendCommandRequest.class::cast)
                .findFirst().orElseThrow();
    }

    @Test
    void start_sendsRunShellScriptToTheInstance_fetchingThePasswordThere_neverInTheCommand() throws Exception {
        StepResult started = start(input());

        assertThat(started.status()).isEqualTo(StepStatus.IN_PROGRESS);
        SendCommandRequest sent = sent();
        assertThat(sent.documentName()).isEqualTo("AWS-RunShellScript");
        assertThat(sent.instanceIds()).containsExactly(runnerId);
        String commands = String.join("\n", sent.parameters().get("commands"));
        assertThat(commands).contains("aws secretsmanager get-secret-value --secret-id \"$SECRET_ID\"")
                .contains("export SECRET_ID='app1/appdbdev/admin'").contains("KEYS=( '01-mask.sql' )")
                .contains("export REPORT_KEY='" + PREFIX + "/reports/refresh-appdbdev-1.json'")
                .contains("mysql --defaults-extra-file");
        assertThat(traffic.bodies).as("no request to AWS carries the password").isNotEmpty()
                .allSatisfy(body -> assertThat(body).doesNotContain(PASSWORD));
        RunReport pending = new ReportStore(setup.s3()).read(BUCKET, PREFIX, "refresh-appdbdev-1").orElseThrow();
        assertThat(started.message()).contains("command " + pending.commandId());
    }

    @Test
    void check_commandSucceededAndReportWritten_isSucceeded_butSuccessWithoutReportIsFailed() throws Exception {
        StepInput in = input();
        StepResult started = start(in);
        ScriptRunCheck check = new ScriptRunCheck(env);

        Observation noReport = check.observe(in, started);
        assertThat(noReport.progress()).isEqualTo(Progress.FAILED);
        assertThat(noReport.message()).contains("wrote no report");

        RunReport pending = new ReportStore(setup.s3()).read(BUCKET, PREFIX, "refresh-appdbdev-1").orElseThrow();
        assertThat(pending.commandId()).isNotBlank();
        assertThat(pending.ec2InstanceId()).isEqualTo(runnerId);
        // what the instance's script uploads as its last act
        new ReportStore(setup.s3()).write(new RunReport("refresh-appdbdev-1", "appdbdev", "mysql", "ec2", RunStatus.SUCCEEDED,
                null, Instant.now(), Instant.now(), Instant.now(), null, BUCKET, PREFIX, false, false, List.of(), 0, 0, 0, 1200,
                null, List.of(), null, null));
        assertThat(check.observe(in, started).progress()).isEqualTo(Progress.DONE);
    }

    @Test
    void check_commandStillRunning_isInProgress_andAFailedCommandFailsTheStepWithItsError() throws Exception {
        StepInput in = input();
        StepResult started = start(in);
        ScriptRunCheck check = new ScriptRunCheck(env);

        traffic.status = CommandInvocationStatus.IN_PROGRESS;
        assertThat(check.observe(in, started).progress()).isEqualTo(Progress.IN_PROGRESS);

        traffic.status = CommandInvocationStatus.FAILED;
        traffic.stderr = "ERROR 1146 (42S02) at line 3: Table 'app.customerz' doesn't exist";
        Observation failed = check.observe(in, started);
        assertThat(failed.progress()).isEqualTo(Progress.FAILED);
        assertThat(failed.message()).contains("at line 3").contains("customerz").contains(runnerId);
    }

    @Test
    void start_legacyPwdAccessWithEc2_isRefused_beforeAnyCommandIsSent() {
        StepInput in = ScriptFixtures.input(s -> {
            s.put("method", "ec2");
            s.put("ec2InstanceId", runnerId);
            s.put("access", "pwd");
            s.put("tempPassword", PASSWORD);
            s.putArray("keys").add("01-mask.sql");
        });

        assertThatThrownBy(() -> start(in)).isInstanceOf(InvalidRefreshFileException.class).hasMessageContaining("access: secret");
        assertThat(traffic.requests).noneMatch(SendCommandRequest.class::isInstance);
        assertThat(new ReportStore(setup.s3()).read(BUCKET, PREFIX, "refresh-appdbdev-1"))
                .as("a refused start leaves no PENDING run behind").isEmpty();
    }

    @Test
    void retriedStart_findsTheRunItLaunched_andSendsNoSecondCommand() throws Exception {
        StepInput in = input();
        start(in);
        StepResult again = start(in);

        assertThat(again.message()).startsWith("already launched");
        assertThat(traffic.requests.stream().filter(SendCommandRequest.class::isInstance).count()).isEqualTo(1);
    }
}
