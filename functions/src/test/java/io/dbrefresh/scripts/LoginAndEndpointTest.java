package io.dbrefresh.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

import io.dbrefresh.execution.EndpointResolver;
import io.dbrefresh.execution.DatabaseEndpoint;
import io.dbrefresh.refreshfile.ScriptsSpec;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;
import software.amazon.awssdk.services.rds.model.Endpoint;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

@ExtendWith(MockitoExtension.class)
class LoginAndEndpointTest {

    @Mock
    SecretsManagerClient secrets;
    @Mock
    RdsClient rds;

    private static ScriptsSpec spec(String access, String secretName, String tempPassword) {
        return new ScriptsSpec("mysql", "appdbdev", null, access, secretName, tempPassword, "lambda", "b", "p",
                java.util.List.of("a.sql"), null, null, false, false);
    }

    @Test
    void secretAccess_readsTheNamedSecretInTheRdsShape() {
        when(secrets.getSecretValue(any(GetSecretValueRequest.class))).thenReturn(GetSecretValueResponse.builder()
                .secretString("{\"username\":\"admin\",\"password\":\"pw-1\",\"host\":\"h\",\"port\":3306,\"dbname\":\"app\"}")
                .build());

        DatabaseCredentials login = new CredentialsSource(secrets).credentials(spec("secret", "app1/admin", null), null);

        ArgumentCaptor<GetSecretValueRequest> asked = ArgumentCaptor.forClass(GetSecretValueRequest.class);
        verify(secrets).getSecretValue(asked.capture());
        assertThat(asked.getValue().secretId()).isEqualTo("app1/admin");
        assertThat(login).isEqualTo(new DatabaseCredentials("admin", "pw-1", "h", 3306, "app"));
    }

    @Test
    void secretWithoutPassword_isRefused_withoutQuotingTheSecret() {
        when(secrets.getSecretValue(any(GetSecretValueRequest.class))).thenReturn(GetSecretValueResponse.builder()
                .secretString("{\"username\":\"admin\",\"pass\":\"typo-secret-value\"}").build());

        assertThatThrownBy(() -> new CredentialsSource(secrets).credentials(spec("secret", "app1/admin", null), null))
                .isInstanceOf(CredentialsUnavailableException.class).hasMessageContaining("username and password")
                .hasMessageNotContaining("typo-secret-value");
    }

    @Test
    void pwdAccess_logsInAsTheMasterUser_andNeedsTheTempPassword() {
        DatabaseEndpoint endpoint = new DatabaseEndpoint("h", 3306, null, "admin");
        assertThat(new CredentialsSource(secrets).credentials(spec("pwd", null, "temp-1"), endpoint).username()).isEqualTo("admin");
        assertThatThrownBy(() -> new CredentialsSource(secrets).credentials(spec("pwd", null, null), endpoint))
                .isInstanceOf(CredentialsUnavailableException.class).hasMessageContaining("temppwd");
    }

    @Test
    void cluster_resolvesToItsWriterEndpoint() {
        when(rds.describeDBClusters(any(DescribeDbClustersRequest.class))).thenReturn(DescribeDbClustersResponse.builder()
                .dbClusters(DBCluster.builder().endpoint("c.cluster-x.rds").port(5432).masterUsername("pgadmin")
                        .databaseName("app").build()).build());

        DatabaseEndpoint e = new RdsEndpointResolver(rds).resolve("inst", "auposclud").orElseThrow();

        ArgumentCaptor<DescribeDbClustersRequest> asked = ArgumentCaptor.forClass(DescribeDbClustersRequest.class);
        verify(rds).describeDBClusters(asked.capture());
        assertThat(asked.getValue().dbClusterIdentifier()).isEqualTo("auposclud");
        assertThat(e).isEqualTo(new DatabaseEndpoint("c.cluster-x.rds", 5432, "app", "pgadmin"));
    }

    @Test
    void instance_resolvesToItsAddress_andAMissingOneToNothing() {
        when(rds.describeDBInstances(any(DescribeDbInstancesRequest.class)))
                .thenReturn(DescribeDbInstancesResponse.builder().dbInstances(DBInstance.builder()
                        .endpoint(Endpoint.builder().address("i.x.rds").port(3307).build()).masterUsername("admin").build()).build())
                .thenThrow(DbInstanceNotFoundException.builder().message("gone").build());
        RdsEndpointResolver resolver = new RdsEndpointResolver(rds);

        assertThat(resolver.resolve("mysqlinstd", null)).contains(new DatabaseEndpoint("i.x.rds", 3307, null, "admin"));
        assertThat(resolver.resolve("mysqlinstd", null)).isEmpty();
    }

    @Test
    void localDatabases_winOverRds_andRdsAnswersForTheRest() {
        DatabaseEndpoint embedded = new DatabaseEndpoint("127.0.0.1", 40001, "mysqlinstd", "root", false);
        DatabaseEndpoint described = new DatabaseEndpoint("other.x.rds", 3306, null, "admin");
        EndpointResolver local = (i, c) -> "mysqlinstd".equals(i) ? java.util.Optional.of(embedded) : java.util.Optional.empty();

        EndpointResolver chain = local.orElse((i, c) -> java.util.Optional.of(described));

        assertThat(chain.resolve("mysqlinstd", null)).contains(embedded);
        assertThat(chain.resolve("other", null)).contains(described);
    }
}
