package io.dbrefresh.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The DynamoDB history of refreshes, in the original solution's table shape (partition
 * {@code dbinstance}, sort {@code restoredate}) plus the indexes of {@link HistoryIndexes}.
 * Every query answers newest first.
 *
 * <p>Database identifiers ({@code dbinstance}, {@code source}) are written in lower case, as
 * RDS keeps them, so one database has one partition however a file spelled it. Rows written
 * before, under another spelling, stay readable: a query by database or source also reads
 * the spelling it was given.
 */
public final class HistoryTable {

    public static final String PARTITION_KEY = "dbinstance";
    public static final String SORT_KEY = "restoredate";
    /** The original solution's table name, the default when neither file nor deployment names one. */
    public static final String DEFAULT_NAME = "dbalignment-awssol";

    /** A row whose date the original wrote in a shape no parser reads sorts last. */
    private static final Comparator<RefreshRecord> NEWEST_FIRST = Comparator.comparing(RefreshRecord::restoreDate,
            Comparator.nullsFirst(Comparator.<Instant>naturalOrder())).reversed();

    private final DynamoDbClient dynamoDb;

    public HistoryTable(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    /** The table a refresh records into: the file's, else the deployment's, else the original's. */
    public static String nameFor(String fromFile, String fromDeployment) {
        if (fromFile != null && !fromFile.isBlank()) {
            return fromFile;
        }
        return fromDeployment != null && !fromDeployment.isBlank() ? fromDeployment : DEFAULT_NAME;
    }

    /** Creates the table with its indexes (a local account, tests; on AWS the CDK app does it from the same names). */
    public void create(String tableName) {
        List<AttributeDefinition> attributes = new ArrayList<>();
        attributes.add(string(PARTITION_KEY));
        attributes.add(string(SORT_KEY));
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (HistoryIndexes.Index i : HistoryIndexes.all()) {
            attributes.add(string(i.partitionKey()));
            indexes.add(GlobalSecondaryIndex.builder().indexName(i.name())
                    .keySchema(key(i.partitionKey(), KeyType.HASH), key(SORT_KEY, KeyType.RANGE))
                    .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build());
        }
        dynamoDb.createTable(b -> b.tableName(tableName).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attributes)
                .keySchema(key(PARTITION_KEY, KeyType.HASH), key(SORT_KEY, KeyType.RANGE))
                .globalSecondaryIndexes(indexes));
        dynamoDb.updateTimeToLive(b -> b.tableName(tableName)
                .timeToLiveSpecification(t -> t.enabled(true).attributeName(HistoryIndexes.TTL_ATTRIBUTE)));
    }

    /** Writes (or overwrites) the row of one refresh. */
    public void put(String tableName, RefreshRecord r) {
        Map<String, AttributeValue> item = new HashMap<>();
        put(item, PARTITION_KEY, normal(r.dbInstance()));
        put(item, SORT_KEY, text(r.restoreDate()));
        put(item, "appname", r.application());
        put(item, "environment", r.environment());
        put(item, "source", normal(r.source()));
        put(item, "restoretype", r.restoreType());
        put(item, "snapshot", r.snapshot());
        put(item, "status", r.status());
        put(item, "recordingtime", text(r.recordingTime()));
        put(item, "service", r.service());
        put(item, "execution", r.execution());
        put(item, "alignedto", text(r.alignedTo()));
        put(item, "failedstep", r.failedStep());
        put(item, "error", r.error());
        put(item, "recovery", r.recovery());
        put(item, "scripts", r.scripts());
        if (r.stepSeconds() != null && !r.stepSeconds().isEmpty()) {
            Map<String, AttributeValue> steps = new LinkedHashMap<>();
            r.stepSeconds().forEach((k, v) -> steps.put(k, AttributeValue.fromN(Long.toString(v))));
            item.put("stepseconds", AttributeValue.fromM(steps));
        }
        if (r.downtimeSeconds() != null) {
            item.put("downtimeseconds", AttributeValue.fromN(Long.toString(r.downtimeSeconds())));
            if (r.exposureSeconds() != null) {
                item.put("exposureseconds", AttributeValue.fromN(Long.toString(r.exposureSeconds())));
            } else {
                item.put("exposure", AttributeValue.fromS(NO_END));
            }
        }
        dynamoDb.putItem(PutItemRequest.builder().tableName(tableName).item(item).build());
    }

    /** The refreshes of one database, newest first. */
    public List<RefreshRecord> byDatabase(String tableName, String dbInstance, Instant since, int limit) {
        return bySpellings(dbInstance, limit, spelling -> query(tableName, null, PARTITION_KEY, spelling, since, limit, null, null));
    }

    /** The refreshes of one application, of one environment when {@code environment} is not null. */
    public List<RefreshRecord> byApplication(String tableName, String application, String environment, Instant since, int limit) {
        return query(tableName, HistoryIndexes.BY_APPLICATION, HistoryIndexes.APPLICATION_KEY, application, since, limit,
                environment == null ? null : "environment", environment);
    }

    /** Every copy made from one source database. */
    public List<RefreshRecord> bySource(String tableName, String source, Instant since, int limit) {
        return bySpellings(source, limit,
                spelling -> query(tableName, HistoryIndexes.BY_SOURCE, HistoryIndexes.SOURCE_KEY, spelling, since, limit, null, null));
    }

    /** An identifier as it is keyed: lower case, as RDS keeps it. */
    public static String normal(String identifier) {
        return identifier == null ? null : identifier.toLowerCase(java.util.Locale.ROOT);
    }

    /** The rows under the lower-case key, plus those an older version wrote under the spelling given. */
    private static List<RefreshRecord> bySpellings(String given, int limit,
                                                   java.util.function.Function<String, List<RefreshRecord>> query) {
        List<RefreshRecord> rows = new ArrayList<>(query.apply(normal(given)));
        if (!normal(given).equals(given)) {
            rows.addAll(query.apply(given));
            rows.sort(NEWEST_FIRST);
            if (limit > 0 && rows.size() > limit) {
                return List.copyOf(rows.subList(0, limit));
            }
        }
        return rows;
    }

    /** The refreshes in one status (RUNNING, SUCCEEDED, FAILED). */
    public List<RefreshRecord> byStatus(String tableName, String status, Instant since, int limit) {
        return query(tableName, HistoryIndexes.BY_STATUS, HistoryIndexes.STATUS_KEY, status, since, limit, null, null);
    }

    /**
     * For each database, its latest row only: "is every copy of this source fresh?" is the
     * newest row of each target, not every row.
     */
    public static List<RefreshRecord> latestPerDatabase(List<RefreshRecord> rows) {
        Map<String, RefreshRecord> latest = new LinkedHashMap<>();
        for (RefreshRecord r : rows) {
            latest.merge(normal(r.dbInstance()), r, (a, b) -> NEWEST_FIRST.compare(a, b) <= 0 ? a : b);
        }
        return latest.values().stream().sorted(NEWEST_FIRST).toList();
    }

    private List<RefreshRecord> query(String tableName, String index, String key, String value, Instant since, int limit,
                                      String filterName, String filterValue) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        names.put("#k", key);
        values.put(":k", AttributeValue.fromS(value));
        String condition = "#k = :k";
        if (since != null) {
            names.put("#d", SORT_KEY);
            values.put(":since", AttributeValue.fromS(since.toString()));
            condition += " AND #d >= :since";
        }
        String filter = null;
        if (filterName != null) {
            names.put("#f", filterName);
            values.put(":f", AttributeValue.fromS(filterValue));
            filter = "#f = :f";
        }
        List<RefreshRecord> rows = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder q = QueryRequest.builder().tableName(tableName).indexName(index)
                    .keyConditionExpression(condition).expressionAttributeNames(names)
                    .expressionAttributeValues(values).scanIndexForward(false).exclusiveStartKey(start);
            if (filter != null) {
                q.filterExpression(filter);
            }
            QueryResponse page = dynamoDb.query(q.build());
            for (Map<String, AttributeValue> item : page.items()) {
                rows.add(read(item));
                if (limit > 0 && rows.size() >= limit) {
                    return rows;
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return rows;
    }

    /** The {@code exposure} attribute of a row whose exposure has no end (no {@code exposureseconds} then). */
    public static final String NO_END = "no end: the copy under the target's name is never masked or keeps production's admin password";

    /** One item as a record; attributes an older row lacks are null. */
    public static RefreshRecord read(Map<String, AttributeValue> item) {
        Map<String, Long> steps = null;
        AttributeValue m = item.get("stepseconds");
        if (m != null && m.hasM()) {
            steps = new LinkedHashMap<>();
            for (Map.Entry<String, AttributeValue> e : m.m().entrySet()) {
                steps.put(e.getKey(), Long.parseLong(e.getValue().n()));
            }
        }
        return new RefreshRecord(s(item, PARTITION_KEY), instant(item, SORT_KEY), s(item, "appname"),
                s(item, "environment"), s(item, "source"), s(item, "restoretype"), s(item, "snapshot"),
                s(item, "status"), instant(item, "recordingtime"), s(item, "service"), s(item, "execution"),
                instant(item, "alignedto"), s(item, "failedstep"), s(item, "error"), s(item, "recovery"), steps,
                s(item, "scripts"), n(item, "downtimeseconds"), n(item, "exposureseconds"));
    }

    private static Long n(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? null : Long.parseLong(v.n());
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    /** The original wrote dates in other shapes; one it cannot parse is kept out rather than failing the query. */
    private static Instant instant(Map<String, AttributeValue> item, String name) {
        String v = s(item, name);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (java.time.format.DateTimeParseException e) {
            try {
                return java.time.LocalDateTime.parse(v.replace(' ', 'T')).toInstant(java.time.ZoneOffset.UTC);
            } catch (java.time.format.DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static String text(Instant i) {
        return i == null ? null : i.toString();
    }

    private static AttributeDefinition string(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static void put(Map<String, AttributeValue> item, String name, String value) {
        if (value != null && !value.isEmpty()) {
            item.put(name, AttributeValue.fromS(value));
        }
    }
}
