package io.dbrefresh.execution;

import java.time.Clock;
import java.util.concurrent.Executor;

import io.dbrefresh.aws.AwsClients;

/**
 * What a handler needs from its surroundings: AWS clients, a clock, the deployment's
 * defaults. On Lambda it comes from the environment; a local run or a test builds its own
 * (emulator endpoint, shortened waits).
 *
 * @param maxWaitSeconds  caps every Wait the checks ask for (a local run uses 0 or 1; null on AWS)
 * @param historyTable    the history table when the refresh file names none
 * @param topicArn        the SNS topic when the refresh file names none
 * @param databases       where databases answer before RDS is asked: a local run's embedded servers; on AWS none
 * @param scriptRunner    runs the script runner in this process when no worker function is configured: a local
 *                        run's background threads; on AWS it refuses, since the worker is a function of its own
 */
public record StepEnvironment(AwsClients aws, Clock clock, Integer maxWaitSeconds, String historyTable, String topicArn,
                              EndpointResolver databases, Executor scriptRunner) {

    /** Where no script runs in the handler's own process. */
    public static final Executor NO_SCRIPT_RUNNER = run -> {
        throw new IllegalStateException("scripts cannot run in this process: no script runner function is configured");
    };

    /** The surroundings of a Lambda function: RDS says where databases are; scripts run in the worker function. */
    public StepEnvironment(AwsClients aws, Clock clock, Integer maxWaitSeconds, String historyTable, String topicArn) {
        this(aws, clock, maxWaitSeconds, historyTable, topicArn, EndpointResolver.none(), NO_SCRIPT_RUNNER);
    }

    /** This environment with a local run's databases and its in-process script runner. */
    public StepEnvironment runningLocally(EndpointResolver localDatabases, Executor inProcess) {
        return new StepEnvironment(aws, clock, maxWaitSeconds, historyTable, topicArn, localDatabases, inProcess);
    }

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
