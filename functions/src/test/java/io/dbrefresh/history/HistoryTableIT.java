package io.dbrefresh.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.dbrefresh.testing.Emulators;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The history table against moto's DynamoDB: each question the operators ask is one query. */
class HistoryTableIT {

    private static final String TABLE = "history-it";
    private static final Instant DAY1 = Instant.parse("2026-03-01T02:00:00Z");
    private static final Instant DAY2 = Instant.parse("2026-03-02T02:00:00Z");
    private static final Instant DAY3 = Instant.parse("2026-03-03T02:00:00Z");

    private DynamoDbClient dynamoDb;
    private HistoryTable history;

    @BeforeEach
    void tableWithThreeNightsOfRefreshes() {
        Emulators.reset();
        dynamoDb = Emulators.clients().dynamoDb();
        history = new HistoryTable(dynamoDb);
        history.create(TABLE);
        history.put(TABLE, row("shopqa", DAY1, "shop", "qa", "shopprod", "SUCCEEDED"));
        history.put(TABLE, row("shopqa", DAY2, "shop", "qa", "shopprod", "FAILED"));
        history.put(TABLE, row("shopqa", DAY3, "shop", "qa", "shopprod", "SUCCEEDED"));
        history.put(TABLE, row("shopdev", DAY2, "shop", "dev", "shopprod", "SUCCEEDED"));
        history.put(TABLE, row("billqa", DAY3, "billing", "qa", "billprod", "RUNNING"));
    }

    @Test
    void aDatabasesRefreshesComeNewestFirstWithTheirAlignedToTime() {
        List<RefreshRecord> rows = history.byDatabase(TABLE, "shopqa", null, 0);

        assertThat(rows).extracting(RefreshRecord::restoreDate).containsExactly(DAY3, DAY2, DAY1);
        assertThat(rows.get(0).alignedTo()).isEqualTo(DAY3.minusSeconds(3600));
        assertThat(rows.get(0).source()).isEqualTo("shopprod");
        assertThat(rows.get(0).stepSeconds()).containsEntry("perform-restore", 600L);
        assertThat(rows.get(0).scripts()).isEqualTo("2 scripts run, 0 failed");
    }

    @Test
    void theLastRefreshOfADatabaseIsTheFirstRowWithALimitOfOne() {
        assertThat(history.byDatabase(TABLE, "shopqa", null, 1)).singleElement()
                .satisfies(r -> assertThat(r.restoreDate()).isEqualTo(DAY3));
    }

    @Test
    void anApplicationsDatabasesOfOneEnvironmentComeFromTheApplicationIndex() {
        assertThat(history.byApplication(TABLE, "shop", "qa", null, 0)).extracting(RefreshRecord::dbInstance)
                .containsOnly("shopqa").hasSize(3);
        assertThat(history.byApplication(TABLE, "shop", null, null, 0)).extracting(RefreshRecord::dbInstance)
                .containsExactly("shopqa", "shopqa", "shopdev", "shopqa");
    }

    @Test
    void everyCopyOfASourceAndTheLatestOfEachComeFromTheSourceIndex() {
        List<RefreshRecord> rows = history.bySource(TABLE, "shopprod", null, 0);

        assertThat(rows).hasSize(4);
        assertThat(HistoryTable.latestPerDatabase(rows))
                .extracting(RefreshRecord::dbInstance, RefreshRecord::restoreDate, RefreshRecord::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("shopqa", DAY3, "SUCCEEDED"),
                        org.assertj.core.groups.Tuple.tuple("shopdev", DAY2, "SUCCEEDED"));
    }

    @Test
    void failuresSinceATimeComeFromTheStatusIndex() {
        assertThat(history.byStatus(TABLE, "FAILED", DAY2, 0)).extracting(RefreshRecord::dbInstance, RefreshRecord::error)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("shopqa", "perform-restore failed: storage-full"));
        assertThat(history.byStatus(TABLE, "FAILED", DAY3, 0)).isEmpty();
        assertThat(history.byStatus(TABLE, "RUNNING", null, 0)).extracting(RefreshRecord::dbInstance).containsExactly("billqa");
    }

    @Test
    void aRowInTheOriginalShapeReadsBackWithTheNewAttributesEmpty() {
        dynamoDb.putItem(b -> b.tableName(TABLE).item(Map.of(
                "dbinstance", AttributeValue.fromS("legacyqa"), "restoredate", AttributeValue.fromS("2025-12-01 04:10:00"),
                "appname", AttributeValue.fromS("legacy"), "environment", AttributeValue.fromS("qa"),
                "source", AttributeValue.fromS("legacyprod"), "restoretype", AttributeValue.fromS("restorepointintime"),
                "status", AttributeValue.fromS("completed"), "recordingtime", AttributeValue.fromS("2025-12-01 05:00:00"))));

        RefreshRecord r = history.byDatabase(TABLE, "legacyqa", null, 0).getFirst();

        assertThat(r.restoreDate()).isEqualTo(Instant.parse("2025-12-01T04:10:00Z"));
        assertThat(r.status()).isEqualTo("completed");
        assertThat(r.execution()).isNull();
        assertThat(r.stepSeconds()).isNull();
    }

    @Test
    void identifiersAreKeyedInLowerCase_andAnyCaseFindsThem() {
        history.put(TABLE, row("ShopUat", DAY1, "shop", "uat", "ShopProd", "SUCCEEDED"));

        assertThat(dynamoDb.getItem(b -> b.tableName(TABLE).key(Map.of("dbinstance", AttributeValue.fromS("shopuat"),
                "restoredate", AttributeValue.fromS(DAY1.toString())))).item()).containsEntry("source", AttributeValue.fromS("shopprod"));
        assertThat(history.byDatabase(TABLE, "SHOPUAT", null, 0)).extracting(RefreshRecord::dbInstance).containsExactly("shopuat");
        assertThat(history.bySource(TABLE, "ShopProd", null, 0)).hasSize(5);
    }

    @Test
    void anOldRowUnderAMixedCaseKey_staysReadableBesideTheNewOnes_newestFirst() {
        dynamoDb.putItem(b -> b.tableName(TABLE).item(Map.of(
                "dbinstance", AttributeValue.fromS("ShopQa"), "restoredate", AttributeValue.fromS("2026-02-01T02:00:00Z"),
                "status", AttributeValue.fromS("SUCCEEDED"))));

        List<RefreshRecord> rows = history.byDatabase(TABLE, "ShopQa", null, 0);

        assertThat(rows).extracting(RefreshRecord::restoreDate)
                .containsExactly(DAY3, DAY2, DAY1, Instant.parse("2026-02-01T02:00:00Z"));
        assertThat(history.byDatabase(TABLE, "ShopQa", null, 2)).extracting(RefreshRecord::restoreDate).containsExactly(DAY3, DAY2);
        assertThat(HistoryTable.latestPerDatabase(rows)).singleElement()
                .satisfies(r -> assertThat(r.restoreDate()).isEqualTo(DAY3));
    }

    @Test
    void aLockItemNeverShowsInAnIndexQuery() {
        new TargetLock(dynamoDb, arn -> java.util.Optional.empty(), java.time.Clock.systemUTC(), java.time.Duration.ofHours(1))
                .acquire(TABLE, "shopqa", "arn:aws:states:us-east-1:123456789012:execution:dbrefresh:x");

        assertThat(history.byDatabase(TABLE, "shopqa", null, 0)).hasSize(3);
        assertThat(history.bySource(TABLE, "shopprod", null, 0)).hasSize(4);
        assertThat(history.byStatus(TABLE, "RUNNING", null, 0)).hasSize(1);
    }

    private static RefreshRecord row(String db, Instant started, String app, String env, String source, String status) {
        boolean failed = "FAILED".equals(status);
        return new RefreshRecord(db, started, app, env, source, "restorepointintime", null, status,
                started.plusSeconds(1800), "rds", "arn:aws:states:us-east-1:123456789012:execution:dbrefresh:" + db + started.getEpochSecond(),
                started.minusSeconds(3600), failed ? "perform-restore" : null,
                failed ? "perform-restore failed: storage-full" : null, failed ? "deleted shopqatemp" : null,
                Map.of("perform-restore", 600L), "2 scripts run, 0 failed");
    }
}
