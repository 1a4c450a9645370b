package io.dbrefresh.execution;

import java.time.Clock;

import io.dbrefresh.aws.AwsClients;

/**
 * What a handler needs from its surroundings: AWS clients, a clock, the deployment's
 * defaults. On Lambda it comes from the environment; a local run or a test builds its own
 * (emulator endpoint, shortened waits).
 *
 * @param maxWaitSeconds  caps every Wait the checks ask for (a local run uses 0 or 1; null on AWS)
 * @param historyTable    the history table when the refresh file names none
 * @param topicArn        the SNS topic when the refresh file names none
 */
public record StepEnvironment(AwsClients aws, Clock clock, Integer maxWaitSeconds, String historyTable, String topicArn) {

    public static final String HISTORY_TABLE_ENV = "DBREFRESH_HISTORY_TABLE";
    public static final String TOPIC_ARN_ENV = "DBREFRESH_TOPIC_ARN";

    private static final class Default {
        static final StepEnvironment INSTANCE = new StepEnvironment(AwsClients.shared(), Clock.systemUTC(), null,
                System.getenv(HISTORY_TABLE_ENV), System.getenv(TOPIC_ARN_ENV));
    }

    /** The environment of this Lambda container, built once. */
    public static StepEnvironment fromEnvironment() {
        return Default.INSTANCE;
    }

    /** The wait to ask for, given the refresh file's wait_time. */
    public int waitSeconds(int planned) {
        return maxWaitSeconds == null ? planned : Math.min(planned, maxWaitSeconds);
    }
}
