package io.dbrefresh.history;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * One refresh per target at a time. The lock is an item of the history table itself, in a
 * partition no history row uses ({@code dbinstance = "lock#<target>"}, {@code restoredate =
 * "lock"}), so a deployment needs no second table and the refresh file's {@code table_name}
 * scopes locks as it scopes history. It carries none of the indexed attributes, so it never
 * shows in a history query.
 *
 * <p>Taking it is one conditional write: free, already ours (a retried Task), or past its
 * {@code expiresat}. DynamoDB's TTL deletes expired items only eventually, so the condition
 * checks the time itself. A lock whose holder has ended (aborted, timed out, failed without
 * reaching the release) is taken over at once when Step Functions says so; a holder it
 * cannot find is treated as running until the lock expires, never as gone.
 *
 * <p>The key is the target in lower case: RDS compares identifiers without case, so
 * {@code MySQLInstD} and {@code mysqlinstd} are one database and must take one lock.
 */
public final class TargetLock {

    public static final String LOCK_PREFIX = "lock#";
    public static final String LOCK_SORT = "lock";
    static final String HOLDER = "holder";
    static final String ACQUIRED = "acquiredat";

    private static final Set<String> ENDED = Set.of("SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED");

    /** The status Step Functions reports for an execution, empty when it cannot say. */
    @FunctionalInterface
    public interface ExecutionStatuses {
        Optional<String> status(String executionArn);
    }

    /** Who holds a target. */
    public record Holder(String target, String execution, Instant acquiredAt, Instant expiresAt) {
    }

    private final DynamoDbClient dynamoDb;
    private final ExecutionStatuses statuses;
    private final Clock clock;
    private final Duration lifetime;

    /**
     * @param lifetime how long a lock lasts when never released: longer than any execution can run
     */
    public TargetLock(DynamoDbClient dynamoDb, ExecutionStatuses statuses, Clock clock, Duration lifetime) {
        this.dynamoDb = dynamoDb;
        this.statuses = statuses;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /**
     * Takes the target for {@code execution}, or throws naming the execution that holds it.
     *
     * @return the lock as taken (a takeover says whom it replaced in {@code previous})
     */
    public Acquired acquire(String table, String target, String execution) {
        Instant now = clock.instant();
        try {
            write(table, target, execution, now,
                    "attribute_not_exists(#h) OR #h = :me OR #e < :now", Map.of());
            return new Acquired(new Holder(target, execution, now, now.plus(lifetime)), null);
        } catch (ConditionalCheckFailedException held) {
            Optional<Holder> current = holder(table, target);
            if (current.isEmpty()) {
                // released between our write and our read: try once more, plainly
                write(table, target, execution, now, "attribute_not_exists(#h)", Map.of());
                return new Acquired(new Holder(target, execution, now, now.plus(lifetime)), null);
            }
            Holder h = current.get();
            Optional<String> status = statuses.status(h.execution());
            if (status.isPresent() && ENDED.contains(status.get())) {
                try {
                    write(table, target, execution, now, "#h = :old",
                            Map.of(":old", AttributeValue.fromS(h.execution())));
                    return new Acquired(new Holder(target, execution, now, now.plus(lifetime)), h);
                } catch (ConditionalCheckFailedException lostRace) {
                    throw new LockHeldException(holder(table, target).orElse(h));
                }
            }
            throw new LockHeldException(h);
        }
    }

    /** A lock taken; {@code previous} is the ended holder it replaced, or null. */
    public record Acquired(Holder holder, Holder previous) {
    }

    /** Thrown when another execution holds the target. */
    public static final class LockHeldException extends RuntimeException {
        private final transient Holder holder;

        public LockHeldException(Holder holder) {
            super("target " + holder.target() + " is being refreshed by execution " + holder.execution()
                    + " (since " + holder.acquiredAt() + ", lock expires " + holder.expiresAt() + ")");
            this.holder = holder;
        }

        public Holder holder() {
            return holder;
        }
    }

    /**
     * Lets the target go if {@code execution} holds it; a lock someone else holds is left alone.
     *
     * @return true when this call released it
     */
    public boolean release(String table, String target, String execution) {
        try {
            dynamoDb.deleteItem(b -> b.tableName(table).key(key(target))
                    .conditionExpression("#h = :me")
                    .expressionAttributeNames(Map.of("#h", HOLDER))
                    .expressionAttributeValues(Map.of(":me", AttributeValue.fromS(execution))));
            return true;
        } catch (ConditionalCheckFailedException notOurs) {
            return false;
        }
    }

    /** Removes the lock whoever holds it: the operator's way out of a stuck lock. */
    public Optional<Holder> clear(String table, String target) {
        Optional<Holder> h = holder(table, target);
        dynamoDb.deleteItem(b -> b.tableName(table).key(key(target)));
        return h;
    }

    public Optional<Holder> holder(String table, String target) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key(target)).consistentRead(true)).item();
        if (item == null || item.isEmpty() || !item.containsKey(HOLDER)) {
            return Optional.empty();
        }
        Instant acquired = item.containsKey(ACQUIRED) ? Instant.parse(item.get(ACQUIRED).s()) : null;
        Instant expires = item.containsKey(HistoryIndexes.TTL_ATTRIBUTE)
                ? Instant.ofEpochSecond(Long.parseLong(item.get(HistoryIndexes.TTL_ATTRIBUTE).n())) : null;
        return Optional.of(new Holder(target, item.get(HOLDER).s(), acquired, expires));
    }

    private void write(String table, String target, String execution, Instant now, String condition,
                       Map<String, AttributeValue> extra) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(key(target));
        item.put(HOLDER, AttributeValue.fromS(execution));
        item.put(ACQUIRED, AttributeValue.fromS(now.toString()));
        item.put(HistoryIndexes.TTL_ATTRIBUTE, AttributeValue.fromN(Long.toString(now.plus(lifetime).getEpochSecond())));
        Map<String, AttributeValue> values = new java.util.HashMap<>(extra);
        Map<String, String> names = new java.util.HashMap<>();
        names.put("#h", HOLDER);
        if (condition.contains(":me")) {
            values.put(":me", AttributeValue.fromS(execution));
        }
        if (condition.contains(":now")) {
            names.put("#e", HistoryIndexes.TTL_ATTRIBUTE);
            values.put(":now", AttributeValue.fromN(Long.toString(now.getEpochSecond())));
        }
        dynamoDb.putItem(b -> b.tableName(table).item(item).conditionExpression(condition)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values.isEmpty() ? null : values));
    }

    static Map<String, AttributeValue> key(String target) {
        return Map.of(HistoryTable.PARTITION_KEY, AttributeValue.fromS(LOCK_PREFIX + HistoryTable.normal(target)),
                HistoryTable.SORT_KEY, AttributeValue.fromS(LOCK_SORT));
    }
}
