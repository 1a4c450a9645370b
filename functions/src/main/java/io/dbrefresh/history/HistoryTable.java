package io.dbrefresh.history;

import java.util.HashMap;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/** The DynamoDB history of refreshes, in the original solution's table shape. */
public final class HistoryTable {

    public static final String PARTITION_KEY = "dbinstance";
    public static final String SORT_KEY = "restoredate";
    /** The original solution's table name, the default when neither file nor deployment names one. */
    public static final String DEFAULT_NAME = "dbalignment-awssol";

    private final DynamoDbClient dynamoDb;

    public HistoryTable(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    /** Writes (or overwrites) the row of one refresh. */
    public void put(String tableName, RefreshRecord r) {
        Map<String, AttributeValue> item = new HashMap<>();
        put(item, PARTITION_KEY, r.dbInstance());
        put(item, SORT_KEY, r.restoreDate() == null ? null : r.restoreDate().toString());
        put(item, "appname", r.application());
        put(item, "environment", r.environment());
        put(item, "source", r.source());
        put(item, "restoretype", r.restoreType());
        put(item, "snapshot", r.snapshot());
        put(item, "status", r.status());
        put(item, "recordingtime", r.recordingTime() == null ? null : r.recordingTime().toString());
        put(item, "service", r.service());
        put(item, "execution", r.execution());
        put(item, "alignedto", r.alignedTo() == null ? null : r.alignedTo().toString());
        put(item, "failedstep", r.failedStep());
        put(item, "error", r.error());
        put(item, "recovery", r.recovery());
        put(item, "scripts", r.scripts());
        dynamoDb.putItem(PutItemRequest.builder().tableName(tableName).item(item).build());
    }

    private static void put(Map<String, AttributeValue> item, String name, String value) {
        if (value != null && !value.isEmpty()) {
            item.put(name, AttributeValue.fromS(value));
        }
    }
}
