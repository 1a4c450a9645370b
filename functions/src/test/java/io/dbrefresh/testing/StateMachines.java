package io.dbrefresh.testing;

import software.amazon.awssdk.services.sfn.SfnClient;

/** State machines deployed in the emulator for tests that start executions whose handlers cannot run there. */
public final class StateMachines {

    private static final String WAIT_AN_HOUR = "{\"StartAt\":\"w\",\"States\":{\"w\":{\"Type\":\"Wait\",\"Seconds\":3600,\"End\":true}}}";

    private StateMachines() {
    }

    /** Deploys {@code name}, whose executions only wait (an hour: they are still running when the test reads them); its ARN. */
    public static String waiting(SfnClient sfn, String name) {
        return sfn.createStateMachine(b -> b.name(name).roleArn("arn:aws:iam::123456789012:role/dbrefresh").definition(WAIT_AN_HOUR))
                .stateMachineArn();
    }
}
