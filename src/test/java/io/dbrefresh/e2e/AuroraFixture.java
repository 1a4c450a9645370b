package io.dbrefresh.e2e;

/**
 * The names in {@code aurora-latestpoint.json}, as the local world seeds them: the cluster it
 * refreshes from its source, the cluster's writer and reader, and the temporary names the
 * refresh restores under before the swap.
 */
final class AuroraFixture {

    static final String SOURCE = "aumysclup";
    static final String CLUSTER = "aumysclud";
    static final String TEMP_CLUSTER = "aumyscludtemp";
    static final String WRITER = "aumysinstd";
    static final String TEMP_WRITER = "aumysinstdtemp";
    static final String READER = "aumysinstd-r1";

    private AuroraFixture() {
    }
}
