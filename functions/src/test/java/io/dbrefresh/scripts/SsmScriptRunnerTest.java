package io.dbrefresh.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

import io.dbrefresh.execution.DatabaseEndpoint;
import io.dbrefresh.execution.StepInput;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.DescribeInstanceInformationRequest;
import software.amazon.awssdk.services.ssm.model.DescribeInstanceInformationResponse;
import software.amazon.awssdk.services.ssm.model.InstanceInformation;
import software.amazon.awssdk.services.ssm.model.PingStatus;
import software.amazon.awssdk.services.ssm.paginators.DescribeInstanceInformationIterable;

@ExtendWith(MockitoExtension.class)
class SsmScriptRunnerTest {

    @Mock
    SsmClient ssm;

    private SsmScriptRunner runner() {
        return new SsmScriptRunner(ssm, (i, c) -> java.util.Optional.empty(), new TlsPolicy(null, null), "eu-west-1");
    }

    private static ScriptRunRequest request(String tag) {
        StepInput in = ScriptFixtures.input(s -> {
            s.put("method", "ec2");
            s.put("ec2InstanceTag", tag);
        });
        return ScriptRunRequest.from(in);
    }

    private void managedInstances(InstanceInformation... instances) {
        when(ssm.describeInstanceInformationPaginator(any(DescribeInstanceInformationRequest.class))).thenAnswer(a ->
                new DescribeInstanceInformationIterable(ssm, a.getArgument(0)));
        when(ssm.describeInstanceInformation(any(DescribeInstanceInformationRequest.class)))
                .thenReturn(DescribeInstanceInformationResponse.builder().instanceInformationList(instances).build());
    }

    private static InstanceInformation instance(String id, PingStatus ping) {
        return InstanceInformation.builder().instanceId(id).pingStatus(ping).build();
    }

    @Test
    void byTag_picksTheFirstOnlineManagedInstanceWithThatTag() {
        managedInstances(instance("i-0ccc", PingStatus.ONLINE), instance("i-0aaa", PingStatus.CONNECTION_LOST),
                instance("i-0bbb", PingStatus.ONLINE));

        String id = runner().instanceId(request("Role=sql-runner"));

        assertThat(id).isEqualTo("i-0bbb");
        ArgumentCaptor<DescribeInstanceInformationRequest> asked = ArgumentCaptor.forClass(DescribeInstanceInformationRequest.class);
        verify(ssm).describeInstanceInformation(asked.capture());
        assertThat(asked.getValue().filters()).singleElement().satisfies(f -> {
            assertThat(f.key()).isEqualTo("tag:Role");
            assertThat(f.values()).containsExactly("sql-runner");
        });
    }

    @Test
    void byTag_noOnlineInstance_fails() {
        managedInstances(instance("i-0aaa", PingStatus.CONNECTION_LOST));
        assertThatThrownBy(() -> runner().instanceId(request("Role=sql-runner")))
                .isInstanceOf(Ec2InstanceNotFoundException.class).hasMessageContaining("Role=sql-runner");
    }

    @Test
    void commands_quoteEveryValue_soNothingFromTheRefreshFileIsExpandedByTheShell() {
        ScriptRunRequest req = ScriptRunRequest.from(ScriptFixtures.input(s -> {
            s.put("method", "ec2");
            s.put("secretName", "app1/it's $(rm -rf /)");
            s.putArray("keys").add("01 `x`.sql");
        }));

        List<String> lines = runner().commands(req, new DatabaseEndpoint("db.internal", 3306, "app", "admin"));

        assertThat(lines).contains("export SECRET_ID='app1/it'\"'\"'s $(rm -rf /)'", "KEYS=( '01 `x`.sql' )",
                "export DB_HOST='db.internal'", "export TLS_MODE='verify-full'", "export REGION='eu-west-1'");
    }

    @Test
    void commands_verifyByDefault_sendingTheRegionsRdsAuthorities_forTheClientsToCheckTheServerAgainst() {
        ScriptRunRequest req = ScriptRunRequest.from(ScriptFixtures.input(s -> s.put("method", "ec2")));

        List<String> lines = runner().commands(req, new DatabaseEndpoint("db.internal", 3306, "app", "admin"));

        String ca = lines.stream().filter(l -> l.startsWith("export RDS_CA=")).findFirst().orElseThrow();
        assertThat(ca).contains("-----BEGIN CERTIFICATE-----").hasSizeLessThan(16_000);
        String expected = RdsCaBundle.pemForRegion("eu-west-1", java.time.Instant.now());
        assertThat(ca).isEqualTo("export RDS_CA='" + expected + "'");
        assertThat(expected.split("BEGIN CERTIFICATE", -1)).hasSizeGreaterThan(3);
        assertThat(lines).contains("export CA_BUNDLE=''", "export TLS_MODE='verify-full'");
    }

    @Test
    void commands_withABundleOnTheInstance_orWithoutTls_sendNoAuthorities() {
        ScriptRunRequest req = ScriptRunRequest.from(ScriptFixtures.input(s -> s.put("method", "ec2")));
        ScriptRunRequest off = ScriptRunRequest.from(ScriptFixtures.input(s -> {
            s.put("method", "ec2");
            s.put("tls", "disable");
        }));
        SsmScriptRunner ownBundle = new SsmScriptRunner(ssm, (i, c) -> java.util.Optional.empty(),
                new TlsPolicy(null, "/etc/pki/rds.pem"), "eu-west-1");

        assertThat(ownBundle.commands(req, new DatabaseEndpoint("db.internal", 3306, "app", "admin")))
                .contains("export CA_BUNDLE='/etc/pki/rds.pem'").noneMatch(l -> l.startsWith("export RDS_CA="));
        assertThat(runner().commands(off, new DatabaseEndpoint("db.internal", 3306, "app", "admin")))
                .contains("export TLS_MODE='disable'").noneMatch(l -> l.startsWith("export RDS_CA="));
    }

    @Test
    void commands_forSqlServer_runSqlcmd_withThePasswordReadOnTheInstance() {
        ScriptRunRequest req = ScriptRunRequest.from(ScriptFixtures.input(s -> {
            s.put("method", "ec2");
            s.put("engine", "sqlserver-se");
            s.put("ec2InstanceId", "i-0abc");
        }));

        List<String> lines = runner().commands(req, new DatabaseEndpoint("mssql.internal", 1433, null, "admin"));

        assertThat(lines).contains("export FAMILY='sqlserver'", "export ENGINE='sqlserver-se'", "export DB_PORT='1433'")
                .noneMatch(l -> l.startsWith("export ORACLE_TLS_PORT"));
        String script = String.join("\n", lines);
        assertThat(script).contains("SQLCMDPASSWORD");
        // sqlcmd's -P would put the password on its command line
        assertThat(lines).filteredOn(l -> l.contains("sqlcmd -S")).singleElement().asString()
                .contains("\"tcp:$DB_HOST,$DB_PORT\"").doesNotContain(" -P ");
    }

    @Test
    void commands_forOracle_runSqlplus_onTheTlsPort() {
        ScriptRunRequest req = ScriptRunRequest.from(ScriptFixtures.input(s -> {
            s.put("method", "ec2");
            s.put("engine", "oracle-se2");
            s.put("ec2InstanceId", "i-0abc");
        }));

        List<String> lines = runner().commands(req, new DatabaseEndpoint("ora.internal", 1521, "ORCL", "admin"));

        assertThat(lines).contains("export FAMILY='oracle'", "export ORACLE_TLS_PORT='2484'", "export DB_NAME='ORCL'");
        String script = String.join("\n", lines);
        // the CONNECT line with the password goes to sqlplus on its standard input, never as an argument
        assertThat(script).contains("sqlplus -L -S /nolog").contains("(PROTOCOL=$protocol)");
    }
}
