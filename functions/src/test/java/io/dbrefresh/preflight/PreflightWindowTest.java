package io.dbrefresh.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.dbrefresh.refreshfile.Problem;
import io.dbrefresh.refreshfile.RefreshFiles;
import io.dbrefresh.refreshfile.RefreshPlan;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBInstanceAutomatedBackup;
import software.amazon.awssdk.services.rds.model.DescribeAccountAttributesRequest;
import software.amazon.awssdk.services.rds.model.DescribeAccountAttributesResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbInstanceAutomatedBackupsRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbInstanceAutomatedBackupsResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.RestoreWindow;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * restorepoint against the source's restorable window as AWS reports it (moto reports no
 * automated-backup window, so this is told with the SDK client mocked).
 */
class PreflightWindowTest {

    private static final Instant EARLIEST = Instant.parse("2026-11-28T03:00:00Z");
    private static final Instant LATEST = Instant.parse("2026-12-05T03:00:00Z");

    private RdsClient rds;
    private Preflight preflight;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void sourceWithAWeekOfBackups() {
        rds = mock(RdsClient.class);
        preflight = new Preflight(rds, mock(SecretsManagerClient.class), mock(S3Client.class), mock(SnsClient.class),
                mock(DynamoDbClient.class), mock(KmsClient.class), mock(SesClient.class));
        when(rds.describeAccountAttributes(any(DescribeAccountAttributesRequest.class)))
                .thenReturn(DescribeAccountAttributesResponse.builder().build());
        when(rds.describeDBInstances(any(Consumer.class))).thenAnswer(call -> {
            DescribeDbInstancesRequest.Builder b = DescribeDbInstancesRequest.builder();
            ((Consumer<DescribeDbInstancesRequest.Builder>) call.getArgument(0)).accept(b);
            if (!b.build().dbInstanceIdentifier().equals("mysqlinstp")) {
                throw DbInstanceNotFoundException.builder().message("not found").build();
            }
            return DescribeDbInstancesResponse.builder().dbInstances(DBInstance.builder().dbInstanceIdentifier("mysqlinstp")
                    .dbInstanceStatus("available").latestRestorableTime(LATEST).build()).build();
        });
        when(rds.describeDBInstanceAutomatedBackups(any(Consumer.class))).thenAnswer(call -> {
            DescribeDbInstanceAutomatedBackupsRequest.Builder b = DescribeDbInstanceAutomatedBackupsRequest.builder();
            ((Consumer<DescribeDbInstanceAutomatedBackupsRequest.Builder>) call.getArgument(0)).accept(b);
            assertThat(b.build().dbInstanceIdentifier()).isEqualTo("mysqlinstp");
            return DescribeDbInstanceAutomatedBackupsResponse.builder().dbInstanceAutomatedBackups(DBInstanceAutomatedBackup.builder()
                    .restoreWindow(RestoreWindow.builder().earliestTime(EARLIEST).latestTime(LATEST).build()).build()).build();
        });
    }

    private static RefreshPlan restoringTo(String time) {
        return RefreshFiles.read("""
                {"restore": {"dbservice": "rds", "source": "mysqlinstp", "target": "mysqlinstq", "restoretype": "restorepoint",
                             "restoretime": "%s", "application": "app1", "environment": "qa", "torun": true}}
                """.formatted(time)).plan();
    }

    @Test
    void aTimeBeforeTheEarliestRestorableTime_isRefusedWithTheWindow() {
        List<Problem> problems = preflight.check(restoringTo("2026-11-20T03:00:00Z"), Preflight.Defaults.NONE);

        assertThat(problems).extracting(Problem::toString).containsExactly("/restore/restoretime: 2026-11-20T03:00:00Z is outside"
                + " the source's restorable window (2026-11-28T03:00:00Z to 2026-12-05T03:00:00Z)");
    }

    @Test
    void aTimeAfterTheLatestRestorableTime_isRefused() {
        assertThat(preflight.check(restoringTo("2026-12-05T04:00:00Z"), Preflight.Defaults.NONE))
                .extracting(Problem::path).containsExactly("/restore/restoretime");
    }

    @Test
    void aTimeInsideTheWindow_passes() {
        assertThat(preflight.check(restoringTo("2026-12-01T03:00:00Z"), Preflight.Defaults.NONE)).isEmpty();
    }
}
