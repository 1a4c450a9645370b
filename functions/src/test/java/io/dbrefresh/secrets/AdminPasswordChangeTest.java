package io.dbrefresh.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import io.dbrefresh.execution.InvalidRefreshFileException;
import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.refreshfile.StepId;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;
import software.amazon.awssdk.services.rds.model.Endpoint;
import software.amazon.awssdk.services.rds.model.MasterUserSecret;
import software.amazon.awssdk.services.rds.model.ModifyDbClusterRequest;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.RdsException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/** The start of change-admin-pwd with the SDK clients mocked: the requests it builds. */
class AdminPasswordChangeTest {

    private static final String KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    private final RdsClient rds = mock(RdsClient.class);
    private final SecretsManagerClient sm = mock(SecretsManagerClient.class);
    private final StepEnvironment env = new StepEnvironment(null, Clock.fixed(Instant.parse("2026-11-24T03:00:00Z"), ZoneOffset.UTC), null, null, null);
    private final AdminPasswordChange change = new AdminPasswordChange(env, new MasterPassword(rds), new SecretStore(sm), PasswordGenerator::forEngine);

    @BeforeEach
    void noSecretYet() {
        when(sm.describeSecret(any(DescribeSecretRequest.class))).thenThrow(ResourceNotFoundException.builder().message("not found").build());
        when(sm.createSecret(any(CreateSecretRequest.class))).thenReturn(CreateSecretResponse.builder().arn("arn:secret").versionId("v").build());
    }

    @Test
    void generate_instance_sendsRdsTheSamePasswordItStoresInTheNewSecret() throws Exception {
        instance(null);
        StepInput in = Inputs.load(Inputs.RDS);

        StepResult r = change.start(in);

        ArgumentCaptor<ModifyDbInstanceRequest> modify = ArgumentCaptor.forClass(ModifyDbInstanceRequest.class);
        ArgumentCaptor<CreateSecretRequest> created = ArgumentCaptor.forClass(CreateSecretRequest.class);
        verify(rds).modifyDBInstance(modify.capture());
        verify(sm).createSecret(created.capture());
        JsonNode secret = Json.MAPPER.readTree(created.getValue().secretString());
        assertThat(modify.getValue().masterUserPassword()).hasSize(32).isEqualTo(secret.get("password").asText());
        assertThat(modify.getValue().applyImmediately()).isTrue();
        assertThat(modify.getValue().manageMasterUserPassword()).isNull();
        assertThat(created.getValue().name()).isEqualTo("dev/shop/mysqlinstd/admin");
        assertThat(created.getValue().clientRequestToken()).isEqualTo(VersionToken.of(in.execution(), StepId.CHANGE_ADMIN_PWD, "dev/shop/mysqlinstd/admin"));
        assertThat(secret.get("host").asText()).isEqualTo("mysqlinstd.abc.us-east-1.rds.amazonaws.com");
        assertThat(created.getValue().tags()).anySatisfy(t -> assertThat(t.key()).isEqualTo("dbrefresh:execution"));
        assertThat(Inputs.json(r)).doesNotContain(modify.getValue().masterUserPassword());
        assertThat(r.startedAt()).isEqualTo(Instant.parse("2026-11-24T03:00:00Z"));
        assertThat(r.waitSeconds()).as("the model's password change: a minute").isEqualTo(60);
    }

    @Test
    void generate_onAnInstanceWhosePasswordRdsManages_turnsManagementOffInTheSameCall() {
        instance(MasterUserSecret.builder().secretArn("arn:aws:secretsmanager:us-east-1:1:secret:rds!db-1").secretStatus("active").build());

        StepResult r = change.start(Inputs.load(Inputs.RDS));

        ArgumentCaptor<ModifyDbInstanceRequest> modify = ArgumentCaptor.forClass(ModifyDbInstanceRequest.class);
        verify(rds).modifyDBInstance(modify.capture());
        assertThat(modify.getValue().manageMasterUserPassword()).isFalse();
        assertThat(modify.getValue().masterUserPassword()).isNotBlank();
        assertThat(r.message()).contains("RDS no longer manages this password");
    }

    @Test
    void managed_cluster_withKmsKey_turnsOnManagementWithThatKeyAndSendsNoPassword() {
        cluster(null);

        StepResult r = change.start(Inputs.load(Inputs.AURORA, p -> p.put("mode", "managed").put("kmsKeyId", KEY).remove("secretName")));

        ArgumentCaptor<ModifyDbClusterRequest> modify = ArgumentCaptor.forClass(ModifyDbClusterRequest.class);
        verify(rds).modifyDBCluster(modify.capture());
        assertThat(modify.getValue().dbClusterIdentifier()).isEqualTo("aurorad");
        assertThat(modify.getValue().manageMasterUserPassword()).isTrue();
        assertThat(modify.getValue().masterUserSecretKmsKeyId()).isEqualTo(KEY);
        assertThat(modify.getValue().masterUserPassword()).isNull();
        assertThat(modify.getValue().applyImmediately()).isTrue();
        verify(sm, never()).createSecret(any(CreateSecretRequest.class));
        assertThat(r.message()).contains("RDS now generates the admin password of cluster aurorad");
    }

    @Test
    void managed_alreadyManagedWithAnotherKey_rotatesAndSaysTheKeyStays() {
        cluster(MasterUserSecret.builder().secretArn("arn:aws:secretsmanager:us-east-1:1:secret:rds!cluster-1").secretStatus("active")
                .kmsKeyId("arn:aws:kms:us-east-1:1:key/old").build());

        StepResult r = change.start(Inputs.load(Inputs.AURORA, p -> p.put("mode", "managed").put("kmsKeyId", KEY).remove("secretName")));

        ArgumentCaptor<ModifyDbClusterRequest> modify = ArgumentCaptor.forClass(ModifyDbClusterRequest.class);
        verify(rds).modifyDBCluster(modify.capture());
        assertThat(modify.getValue().rotateMasterUserPassword()).isTrue();
        assertThat(modify.getValue().manageMasterUserPassword()).isNull();
        assertThat(modify.getValue().masterUserSecretKmsKeyId()).isNull();
        assertThat(r.message()).contains("cannot change the KMS key").contains("key/old");
    }

    @Test
    void passwordLength_aboveWhatRdsAcceptsForTheEngine_failsBeforeAnyChange() {
        cluster(null);

        assertThatThrownBy(() -> change.start(Inputs.load(Inputs.AURORA, p -> p.put("passwordLength", 64))))
                .isInstanceOf(InvalidRefreshFileException.class).hasMessageContaining("passwordlength 64").hasMessageContaining("8 to 41");
        verify(rds, never()).modifyDBCluster(any(ModifyDbClusterRequest.class));
        verify(sm, never()).createSecret(any(CreateSecretRequest.class));
    }

    @Test
    void rdsRefusal_failsWithAMessageThatNeverHoldsThePassword() {
        instance(null);
        when(rds.modifyDBInstance(any(ModifyDbInstanceRequest.class))).thenAnswer(a -> {
            String pw = a.<ModifyDbInstanceRequest>getArgument(0).masterUserPassword();
            throw RdsException.builder().statusCode(400).message("The parameter MasterUserPassword is not valid: " + pw).build();
        });

        assertThatThrownBy(() -> change.start(Inputs.load(Inputs.RDS)))
                .isInstanceOf(PasswordChangeFailedException.class)
                .hasMessageContaining("RDS refused the new master password for instance mysqlinstd")
                .hasMessageContaining("is not valid: ****")
                .satisfies(e -> {
                    ArgumentCaptor<ModifyDbInstanceRequest> modify = ArgumentCaptor.forClass(ModifyDbInstanceRequest.class);
                    verify(rds).modifyDBInstance(modify.capture());
                    assertThat(e.getMessage()).doesNotContain(modify.getValue().masterUserPassword());
                    assertThat(e.getCause()).isNull();
                });
    }

    @Test
    void secretOwnedByRds_isNotWritten() {
        instance(null);
        when(sm.describeSecret(any(DescribeSecretRequest.class))).thenReturn(DescribeSecretResponse.builder()
                .arn("arn:aws:secretsmanager:us-east-1:1:secret:rds!db-1").name("rds!db-1").owningService("rds").build());

        assertThatThrownBy(() -> change.start(Inputs.load(Inputs.RDS, p -> p.put("secretName", "rds!db-1"))))
                .isInstanceOf(InvalidRefreshFileException.class).hasMessageContaining("owned by rds");
        verify(rds, never()).modifyDBInstance(any(ModifyDbInstanceRequest.class));
    }

    @Test
    void generate_whenTheRunRestoresACopy_setsThePasswordOnTheCopy_andTheSecretNamesTheHostItWillHaveAfterTheSwap() throws Exception {
        when(rds.describeDBInstances(any(DescribeDbInstancesRequest.class))).thenReturn(DescribeDbInstancesResponse.builder()
                .dbInstances(DBInstance.builder().dbInstanceIdentifier("mysqlinstdtemp").engine("mysql").dbInstanceStatus("available")
                        .dbInstanceArn("arn:aws:rds:us-east-1:123456789012:db:mysqlinstdtemp")
                        .endpoint(Endpoint.builder().address("mysqlinstdtemp.abc.us-east-1.rds.amazonaws.com").port(3306).build())
                        .masterUsername("admin").dbName("shop").build()).build());
        StepInput in = withCopy(Inputs.RDS, "mysqlinstdtemp", "renameDatabase");

        StepResult r = change.start(in);

        ArgumentCaptor<DescribeDbInstancesRequest> described = ArgumentCaptor.forClass(DescribeDbInstancesRequest.class);
        ArgumentCaptor<ModifyDbInstanceRequest> modify = ArgumentCaptor.forClass(ModifyDbInstanceRequest.class);
        ArgumentCaptor<CreateSecretRequest> created = ArgumentCaptor.forClass(CreateSecretRequest.class);
        verify(rds).describeDBInstances(described.capture());
        verify(rds).modifyDBInstance(modify.capture());
        verify(sm).createSecret(created.capture());
        assertThat(described.getValue().dbInstanceIdentifier()).isEqualTo("mysqlinstdtemp");
        assertThat(modify.getValue().dbInstanceIdentifier()).as("the copy, not the old target").isEqualTo("mysqlinstdtemp");
        JsonNode secret = Json.MAPPER.readTree(created.getValue().secretString());
        assertThat(secret.get("host").asText()).isEqualTo("mysqlinstd.abc.us-east-1.rds.amazonaws.com");
        assertThat(secret.get("dbInstanceIdentifier").asText()).isEqualTo("mysqlinstd");
        assertThat(r.resource()).isEqualTo("mysqlinstdtemp");
    }

    @Test
    void generate_whenTheCopyKeepsItsTemporaryName_theSecretNamesTheCopysOwnHost() throws Exception {
        when(rds.describeDBInstances(any(DescribeDbInstancesRequest.class))).thenReturn(DescribeDbInstancesResponse.builder()
                .dbInstances(DBInstance.builder().dbInstanceIdentifier("mysqlinstdtemp").engine("mysql").dbInstanceStatus("available")
                        .endpoint(Endpoint.builder().address("mysqlinstdtemp.abc.us-east-1.rds.amazonaws.com").port(3306).build())
                        .masterUsername("admin").dbName("shop").build()).build());
        StepInput in = withCopy(Inputs.RDS, "mysqlinstdtemp", null);

        change.start(in);

        ArgumentCaptor<CreateSecretRequest> created = ArgumentCaptor.forClass(CreateSecretRequest.class);
        verify(sm).createSecret(created.capture());
        assertThat(Json.MAPPER.readTree(created.getValue().secretString()).get("host").asText())
                .isEqualTo("mysqlinstdtemp.abc.us-east-1.rds.amazonaws.com");
    }

    @Test
    void generate_aurora_whenTheRunRestoresACopy_setsThePasswordOnTheTempCluster() throws Exception {
        when(rds.describeDBClusters(any(DescribeDbClustersRequest.class))).thenReturn(DescribeDbClustersResponse.builder()
                .dbClusters(DBCluster.builder().dbClusterIdentifier("auroradtemp").engine("aurora-postgresql").status("available")
                        .endpoint("auroradtemp.cluster-abc.us-east-1.rds.amazonaws.com").port(5432).masterUsername("postgres")
                        .build()).build());
        StepInput in = withCopy(Inputs.AURORA, "auroradtemp", "renameCluster");

        change.start(in);

        ArgumentCaptor<ModifyDbClusterRequest> modify = ArgumentCaptor.forClass(ModifyDbClusterRequest.class);
        ArgumentCaptor<CreateSecretRequest> created = ArgumentCaptor.forClass(CreateSecretRequest.class);
        verify(rds).modifyDBCluster(modify.capture());
        verify(sm).createSecret(created.capture());
        assertThat(modify.getValue().dbClusterIdentifier()).isEqualTo("auroradtemp");
        assertThat(Json.MAPPER.readTree(created.getValue().secretString()).get("host").asText())
                .isEqualTo("aurorad.cluster-abc.us-east-1.rds.amazonaws.com");
    }

    /** The fixture as a run that restores a copy named {@code temp} and, when {@code rename} is set, renames it into place. */
    private static StepInput withCopy(String fixture, String temp, String rename) {
        com.fasterxml.jackson.databind.node.ObjectNode root = Inputs.tree(fixture);
        com.fasterxml.jackson.databind.node.ObjectNode plan = (com.fasterxml.jackson.databind.node.ObjectNode) root.get("plan");
        com.fasterxml.jackson.databind.node.ObjectNode steps = (com.fasterxml.jackson.databind.node.ObjectNode) plan.get("steps");
        steps.putObject("performRestore").put("id", "performRestore").put("run", true).put("waitSeconds", 30).put("maxPolls", 4)
                .put("check", true);
        if (rename != null) {
            steps.putObject(rename).put("id", rename).put("run", true).put("waitSeconds", 30).put("maxPolls", 4).put("check", true);
        }
        plan.putObject("restore").put("target", plan.get("target").asText()).put("temp", temp);
        return Json.MAPPER.convertValue(root, StepInput.class);
    }

    private void instance(MasterUserSecret managed) {
        when(rds.describeDBInstances(any(DescribeDbInstancesRequest.class))).thenReturn(DescribeDbInstancesResponse.builder()
                .dbInstances(DBInstance.builder().dbInstanceIdentifier("mysqlinstd").engine("mysql").dbInstanceStatus("available")
                        .endpoint(Endpoint.builder().address("mysqlinstd.abc.us-east-1.rds.amazonaws.com").port(3306).build())
                        .masterUsername("admin").dbName("shop").masterUserSecret(managed).build()).build());
    }

    private void cluster(MasterUserSecret managed) {
        when(rds.describeDBClusters(any(DescribeDbClustersRequest.class))).thenReturn(DescribeDbClustersResponse.builder()
                .dbClusters(DBCluster.builder().dbClusterIdentifier("aurorad").engine("aurora-postgresql").status("available")
                        .endpoint("aurorad.cluster-abc.us-east-1.rds.amazonaws.com").port(5432).masterUsername("postgres")
                        .masterUserSecret(managed).build()).build());
    }
}
