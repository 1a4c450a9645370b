package io.dbrefresh.history;

import java.util.List;

/**
 * The global secondary indexes of the history table, named once here so the CDK app that
 * creates them and the queries that read them cannot drift apart. Every index sorts by
 * {@link HistoryTable#SORT_KEY}, so a query returns one partition's refreshes in time order.
 */
public final class HistoryIndexes {

    /** Refreshes of one application. */
    public static final String BY_APPLICATION = "by-application";
    /** Refreshes taken from one production source. */
    public static final String BY_SOURCE = "by-source";
    /** Refreshes in one status (RUNNING, SUCCEEDED, FAILED). */
    public static final String BY_STATUS = "by-status";

    /** One index: its name and the string attribute it is partitioned by. */
    public record Index(String name, String partitionKey) {

        /** Every index sorts by the refresh's start time. */
        public String sortKey() {
            return HistoryTable.SORT_KEY;
        }
    }

    private static final List<Index> ALL = List.of(
            new Index(BY_APPLICATION, "appname"),
            new Index(BY_SOURCE, "source"),
            new Index(BY_STATUS, "status"));

    private HistoryIndexes() {
    }

    /** Every index the table has. */
    public static List<Index> all() {
        return ALL;
    }
}
