package io.dbrefresh.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.dbrefresh.aws.AwsClients;
import io.dbrefresh.execution.InvalidRefreshFileException;
import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.execution.StepStatus;
import io.dbrefresh.execution.StepTimeoutException;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.steps.ChangeAdminPwd;
import io.dbrefresh.testing.Emulators;
import io.dbrefresh.testing.Polling;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBInstance;

/** change-admin-pwd against moto: the three modes, for an instance and a cluster, start and check. */
class ChangeAdminPwdIT {

    private final RequestLog requests = new RequestLog();
    private final DescribeRewrites rewrites = new DescribeRewrites();
    private AwsClients aws;
    private StepEnvironment env;

    @BeforeEach
    void emptyAccount() {
        Emulators.reset();
        aws = Emulators.clients(Interceptors.chain(requests, rewrites));
        env = Seeds.env(aws);
        Seeds.instance(aws.rds(), "mysqlinstd");
        Seeds.cluster(aws.rds(), "aurorad");
        requests.clear();
    }

    @Test
    void generate_instance_storesStandardSecretAndSetsThatSamePassword() throws Exception {
        StepResult r = start(Inputs.load(Inputs.RDS));

        JsonNode secret = secretValue("dev/shop/mysqlinstd/admin");
        DBInstance db = aws.rds().describeDBInstances(b -> b.dbInstanceIdentifier("mysqlinstd")).dbInstances().get(0);
        assertThat(secret.get("engine").asText()).isEqualTo("mysql");
        assertThat(secret.get("host").asText()).isEqualTo(db.endpoint().address());
        assertThat(secret.get("port").isNumber()).isTrue();
        assertThat(secret.get("port").asInt()).isEqualTo(db.endpoint().port());
        assertThat(secret.get("username").asText()).isEqualTo("admin");
        assertThat(secret.get("dbname").asText()).isEqualTo("shop");
        assertThat(secret.get("dbInstanceIdentifier").asText()).isEqualTo("mysqlinstd");
        String password = secret.get("password").asText();
        assertThat(password).hasSize(32).isNotEqualTo(Seeds.PRODUCTION_PASSWORD);
        assertThat(modifyRequests("ModifyDBInstance")).singleElement().satisfies(body -> {
            assertThat(body).contains("MasterUserPassword=" + password).contains("ApplyImmediately=true");
        });
        assertThat(r.status()).isEqualTo(StepStatus.IN_PROGRESS);
        assertThat(r.resource()).isEqualTo("mysqlinstd");
        assertThat(r.message()).contains("kept only in secret dev/shop/mysqlinstd/admin (created)").doesNotContain(password);
    }

    @Test
    void generate_cluster_storesClusterSecretAndUsesModifyDbCluster() throws Exception {
        start(Inputs.load(Inputs.AURORA));

        JsonNode secret = secretValue("dev/shop/aurorad/admin");
        DBCluster c = aws.rds().describeDBClusters(b -> b.dbClusterIdentifier("aurorad")).dbClusters().get(0);
        assertThat(secret.get("engine").asText()).isEqualTo("aurora-mysql");
        assertThat(secret.get("host").asText()).isEqualTo(c.endpoint());
        assertThat(secret.get("port").asInt()).isEqualTo(c.port());
        assertThat(secret.get("dbClusterIdentifier").asText()).isEqualTo("aurorad");
        assertThat(secret.has("dbInstanceIdentifier")).isFalse();
        String password = secret.get("password").asText();
        assertThat(modifyRequests("ModifyDBCluster")).singleElement().asString().contains("MasterUserPassword=" + password);
        assertThat(modifyRequests("ModifyDBInstance")).isEmpty();
    }

    @Test
    void generate_existingSecret_keepsItsOtherKeysAndPointsItAtTheRefreshedTarget() throws Exception {
        aws.secretsManager().createSecret(b -> b.name("dev/shop/mysqlinstd/admin").secretString(Inputs.text("existing-app-secret.json")));

        start(Inputs.load(Inputs.RDS));

        JsonNode secret = secretValue("dev/shop/mysqlinstd/admin");
        assertThat(secret.get("poolSize").asInt()).isEqualTo(20);
        assertThat(secret.get("readerHost").asText()).startsWith("mysqlinstd-ro1.");
        assertThat(secret.get("host").asText()).startsWith("mysqlinstd.");
        assertThat(secret.get("password").asText()).isNotEqualTo("production-password-1");
        assertThat(aws.secretsManager().describeSecret(b -> b.secretId("dev/shop/mysqlinstd/admin")).versionIdsToStages()).hasSize(2);
    }

    @Test
    void generate_retriedStart_setsThePasswordItAlreadyStoredInsteadOfANewOne() throws Exception {
        StepInput in = Inputs.load(Inputs.RDS);
        start(in);
        String first = secretValue("dev/shop/mysqlinstd/admin").get("password").asText();

        StepResult again = start(in);

        assertThat(secretValue("dev/shop/mysqlinstd/admin").get("password").asText()).isEqualTo(first);
        assertThat(modifyRequests("ModifyDBInstance")).hasSize(2).allSatisfy(b -> assertThat(b).contains("MasterUserPassword=" + first));
        assertThat(again.message()).contains("already stored by this run");
    }

    @Test
    void generate_withoutSecretName_failsBeforeTouchingTheDatabase() {
        StepInput in = Inputs.load(Inputs.RDS, p -> p.remove("secretName"));

        assertThatThrownBy(() -> start(in)).isInstanceOf(InvalidRefreshFileException.class).hasMessageContaining("set secretname");
        assertThat(requests.sent()).extracting(RequestLog.Sent::operation).doesNotContain("ModifyDBInstance");
    }

    @Test
    void check_waitsWhileThePasswordIsPending_thenSucceedsSayingTheLoginCouldNotBeAttempted() {
        StepInput in = Inputs.load(Inputs.RDS);
        StepResult started = start(in);
        rewrites.pending("resetting-master-credentials", "available");

        StepResult first = Polling.check(env, in, started);
        StepResult second = Polling.check(env, in, first);
        StepResult third = Polling.check(env, in, second);

        assertThat(first.status()).isEqualTo(StepStatus.IN_PROGRESS);
        assertThat(first.message()).contains("instance mysqlinstd is resetting-master-credentials");
        assertThat(second.status()).isEqualTo(StepStatus.IN_PROGRESS);
        assertThat(second.message()).contains("still pending");
        assertThat(third.status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(third.polls()).isEqualTo(3);
        assertThat(third.message()).contains("login not attempted").contains("does not resolve from here")
                .contains("secret dev/shop/mysqlinstd/admin points at mysqlinstd.");
    }

    @Test
    void check_passwordStillPendingAtTheLastCheck_timesOutNamingTheStepAndWhatItWaitedFor() {
        StepInput in = Inputs.load(Inputs.RDS);
        StepResult started = start(in);
        rewrites.pending("resetting-master-credentials", "resetting-master-credentials", "resetting-master-credentials",
                "resetting-master-credentials", "resetting-master-credentials", "resetting-master-credentials");

        StepResult first = Polling.check(env, in, started);
        StepResult second = Polling.check(env, in, first);
        StepResult third = Polling.check(env, in, second);

        assertThat(third.status()).isEqualTo(StepStatus.IN_PROGRESS);
        assertThat(third.polls()).isEqualTo(3);
        assertThatThrownBy(() -> Polling.check(env, in, third)).as("the plan allows 105 s: checks at 60, 75, 90 and 105 s")
                .isInstanceOf(StepTimeoutException.class)
                .hasMessageContaining("change-admin-pwd did not finish within its timeout of 105 s: 4 checks")
                .hasMessageContaining("instance mysqlinstd is resetting-master-credentials");
    }

    @Test
    void check_cluster_succeedsOnceAvailableWithNothingPending() {
        StepInput in = Inputs.load(Inputs.AURORA);
        StepResult started = start(in);
        rewrites.pending("resetting-master-credentials");

        StepResult first = Polling.check(env, in, started);
        StepResult second = Polling.check(env, in, first);

        assertThat(first.status()).isEqualTo(StepStatus.IN_PROGRESS);
        assertThat(second.status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(second.message()).contains("cluster aurorad");
    }

    @Test
    void check_secretPointingElsewhere_failsTheStep() {
        StepInput in = Inputs.load(Inputs.RDS);
        StepResult started = start(in);
        new SecretStore(aws.secretsManager()).syncEndpoint("dev/shop/mysqlinstd/admin", "mysqlinstdtemp.example", 3306);

        StepResult r = Polling.check(env, in, started);

        assertThat(r.status()).isEqualTo(StepStatus.FAILED);
        assertThat(r.message()).contains("points at mysqlinstdtemp.example:3306, not at the refreshed database");
    }

    @Test
    void temppwd_instance_setsTheFilePasswordStoresItWhenAskedAndNeverShowsIt() throws Exception {
        String temp = "Legacy-Temp-Pwd-42";
        StepInput in = Inputs.load(Inputs.RDS, p -> p.put("mode", "temppwd").put("tempPassword", temp));

        StepResult r = start(in);
        StepResult checked = Polling.check(env, in, r);

        assertThat(modifyRequests("ModifyDBInstance")).singleElement().asString().contains("MasterUserPassword=" + temp);
        assertThat(secretValue("dev/shop/mysqlinstd/admin").get("password").asText()).isEqualTo(temp);
        assertThat(r.message()).contains("temppwd (****)").contains("legacy").doesNotContain(temp);
        assertThat(checked.status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(Inputs.json(r) + Inputs.json(checked)).doesNotContain(temp);
    }

    @Test
    void temppwd_cluster_withoutSecretSync_setsThePasswordAndWritesNoSecret() {
        String temp = "Legacy-Temp-Pwd-43";
        StepInput in = Inputs.load(Inputs.AURORA, p -> p.put("mode", "temppwd").put("tempPassword", temp).put("syncSecret", false));

        StepResult r = start(in);

        assertThat(modifyRequests("ModifyDBCluster")).singleElement().asString().contains("MasterUserPassword=" + temp);
        assertThat(requests.sent()).extracting(RequestLog.Sent::operation).doesNotContain("CreateSecret", "PutSecretValue");
        assertThat(r.message()).doesNotContain(temp).contains("cluster aurorad");
    }

    @Test
    void managed_instance_rdsKeepsThePasswordInItsOwnSecret_andTheCheckLogsInWithIt() {
        StepInput in = Inputs.load(Inputs.RDS, p -> p.put("mode", "managed").remove("secretName"));

        StepResult r = start(in);
        StepResult checked = Polling.check(env, in, r);

        assertThat(modifyRequests("ModifyDBInstance")).singleElement().asString()
                .contains("ManageMasterUserPassword=true").doesNotContainPattern("(?m)^MasterUserPassword=");
        DBInstance db = aws.rds().describeDBInstances(b -> b.dbInstanceIdentifier("mysqlinstd")).dbInstances().get(0);
        assertThat(db.masterUserSecret().secretArn()).contains(":secret:rds!db-");
        assertThat(r.message()).contains("RDS now generates the admin password of instance mysqlinstd");
        assertThat(checked.status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(checked.message()).contains("login not attempted");
    }

    @Test
    void managed_cluster_rdsKeepsThePassword_andTheApplicationSecretOnlyGetsTheEndpoint() throws Exception {
        aws.secretsManager().createSecret(b -> b.name("dev/shop/aurorad/admin").secretString(Inputs.text("existing-app-secret.json")));
        StepInput in = Inputs.load(Inputs.AURORA, p -> p.put("mode", "managed"));

        StepResult r = start(in);
        StepResult checked = Polling.check(env, in, r);

        assertThat(modifyRequests("ModifyDBCluster")).singleElement().asString()
                .contains("ManageMasterUserPassword=true").doesNotContainPattern("(?m)^MasterUserPassword=");
        DBCluster c = aws.rds().describeDBClusters(b -> b.dbClusterIdentifier("aurorad")).dbClusters().get(0);
        assertThat(c.masterUserSecret().secretArn()).contains(":secret:rds!cluster-");
        JsonNode app = secretValue("dev/shop/aurorad/admin");
        assertThat(app.get("host").asText()).isEqualTo(c.endpoint());
        assertThat(app.get("password").asText()).as("managed mode never writes a password into the application's secret")
                .isEqualTo("production-password-1");
        assertThat(r.message()).contains("pointed secret dev/shop/aurorad/admin at " + c.endpoint());
        assertThat(checked.status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(checked.message()).contains("cluster aurorad");
    }

    @Test
    void managed_alreadyManaged_asksRdsToRotateInstead() {
        aws.rds().modifyDBInstance(b -> b.dbInstanceIdentifier("mysqlinstd").manageMasterUserPassword(true).applyImmediately(true));
        requests.clear();
        StepInput in = Inputs.load(Inputs.RDS, p -> p.put("mode", "managed"));

        StepResult r = start(in);

        assertThat(modifyRequests("ModifyDBInstance")).singleElement().asString()
                .contains("RotateMasterUserPassword=true").doesNotContain("ManageMasterUserPassword");
        assertThat(r.message()).contains("rotate the admin password it already manages");
    }

    private StepResult start(StepInput in) {
        try {
            return Json.MAPPER.readValue(new ChangeAdminPwd(env).handle(Json.MAPPER.writeValueAsString(in)), StepResult.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<String> modifyRequests(String operation) {
        return requests.sent(operation).stream().map(RequestLog.Sent::body).toList();
    }

    private JsonNode secretValue(String name) throws Exception {
        return Json.MAPPER.readTree(aws.secretsManager().getSecretValue(b -> b.secretId(name).versionStage("AWSCURRENT")).secretString());
    }
}
