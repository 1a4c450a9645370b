package io.dbrefresh.history;

import java.util.List;

/**
 * The history table's names, declared once: the CDK app, the local account and the queries
 * all read them from here. Every index is sorted by {@code restoredate} (the refresh's start
 * time), so "the latest" is the last entry and "since" is a key condition, not a filter.
 */
public final class HistoryIndexes {

    /** appname, restoredate: every refresh of one application (filtered by environment). */
    public static final String BY_APPLICATION = "by-application";
    /** source, restoredate: every copy made from one production database. */
    public static final String BY_SOURCE = "by-source";
    /** status, restoredate: what is RUNNING, what FAILED since last night. */
    public static final String BY_STATUS = "by-status";

    public static final String APPLICATION_KEY = "appname";
    public static final String SOURCE_KEY = "source";
    public static final String STATUS_KEY = "status";

    /**
     * Epoch seconds after which DynamoDB may delete the item. Only lock items carry it: the
     * history rows are kept.
     */
    public static final String TTL_ATTRIBUTE = "expiresat";

    private HistoryIndexes() {
    }

    /** Index name and its partition key, in declaration order. */
    public record Index(String name, String partitionKey) {

        /** Every index sorts by the refresh's start time. */
        public String sortKey() {
            return HistoryTable.SORT_KEY;
        }
    }

    public static List<Index> all() {
        return List.of(new Index(BY_APPLICATION, APPLICATION_KEY), new Index(BY_SOURCE, SOURCE_KEY),
                new Index(BY_STATUS, STATUS_KEY));
    }
}
