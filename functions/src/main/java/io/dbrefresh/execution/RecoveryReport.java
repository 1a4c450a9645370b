package io.dbrefresh.execution;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the recovery path did after a failure: the failed step, the error, each action taken
 * ("started old target mysqlinstd again", "deleted temp copy mysqlinstdtemp"), and where the
 * old data is now. When recovery itself failed, its Catch stores Error/Cause here instead.
 */
public record RecoveryReport(
        String failedStep,
        String error,
        String cause,
        List<String> actions,
        String oldDataAt,
        @JsonProperty("Error") String recoveryError,
        @JsonProperty("Cause") String recoveryCause) {
}
