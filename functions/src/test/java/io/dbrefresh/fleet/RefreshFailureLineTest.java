package io.dbrefresh.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbrefresh.refreshfile.Json;

/** A failed refresh of a fleet, told in one line: the error's name and its message's first line, nothing of the file. */
class RefreshFailureLineTest {

    /** The Lambda error document the refresh state machine's Fail state passes on as its cause. */
    private static final String LAMBDA_CAUSE = "{\"errorMessage\":\"restore of mysqlinstt-temp refused: InvalidParameterCombination\\n"
            + "at second line\",\"errorType\":\"io.dbrefresh.rds.RestoreFailedException\",\"stackTrace\":["
            + "\"io.dbrefresh.rds.Restores.restore(Restores.java:120)\",\"java.base/java.lang.Thread.run(Thread.java:1583)\"]}";

    @Test
    void aChildThatFailed_isToldByItsOwnErrorAndTheFirstLineOfItsMessage_notItsInputNorTheStackTrace() {
        ObjectNode described = Json.MAPPER.createObjectNode();
        described.put("ExecutionArn", "arn:aws:states:us-east-1:123456789012:execution:refresh:fleet-1-mysqlinstt");
        described.put("Status", "FAILED");
        described.putObject("Input").putObject("restore").put("temppwd", "Secret-Temp-Pwd-1");
        described.put("Error", "io.dbrefresh.rds.RestoreFailedException");
        described.put("Cause", LAMBDA_CAUSE);

        String line = RefreshFailureLine.of(failure("States.TaskFailed", described.toString()));

        assertThat(line).isEqualTo("RestoreFailedException: restore of mysqlinstt-temp refused: InvalidParameterCombination");
        assertThat(line).doesNotContain("Secret-Temp-Pwd-1").doesNotContain("Restores.java").doesNotContain("second line");
    }

    @Test
    void aChildStoppedWithoutAnError_isToldByItsStatus() {
        String described = "{\"ExecutionArn\":\"arn:x\",\"Status\":\"ABORTED\",\"Input\":{}}";

        assertThat(RefreshFailureLine.of(failure("States.TaskFailed", described))).isEqualTo("execution ABORTED");
    }

    @Test
    void aFailureOfTheTaskItself_keepsItsNameAndPlainCause() {
        assertThat(RefreshFailureLine.of(failure("States.Timeout", "Task timed out after 173400 seconds\nmore")))
                .isEqualTo("States.Timeout: Task timed out after 173400 seconds");
        assertThat(RefreshFailureLine.of(failure("io.dbrefresh.fleet.AlignmentException",
                "{\"errorMessage\":\"source mysqlinstp (of a.json) does not exist\",\"errorType\":\"x\",\"stackTrace\":[\"a\"]}")))
                .isEqualTo("AlignmentException: source mysqlinstp (of a.json) does not exist");
    }

    @Test
    void aJsonCauseThatIsNoLambdaErrorDocument_isLeftOut_andALongLineIsCut() {
        assertThat(RefreshFailureLine.of(failure("Lambda.Unknown", "{\"some\":\"document\"}"))).isEqualTo("Lambda.Unknown");
        assertThat(RefreshFailureLine.of(failure("X", "y".repeat(500)))).hasSize(RefreshFailureLine.MAX_CHARS).endsWith("...");
    }

    private static ObjectNode failure(String error, String cause) {
        ObjectNode f = Json.MAPPER.createObjectNode();
        f.put("Error", error);
        f.put("Cause", cause);
        return f;
    }
}
