package io.dbrefresh.secrets;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.dbrefresh.execution.ExecutionRef;
import io.dbrefresh.refreshfile.StepId;

/**
 * The secret version id (ClientRequestToken) one execution's step uses for one secret. It is
 * derived, not random, so a retried start finds the version it already wrote, and a check can
 * find the version its start created without carrying state.
 */
public final class VersionToken {

    private VersionToken() {
    }

    public static String of(ExecutionRef execution, StepId step, String secret) {
        String run = execution == null ? null : execution.id() != null ? execution.id() : execution.name();
        if (run == null || run.isBlank()) {
            throw new IllegalArgumentException(step.displayName() + " needs the execution id to name the secret version it writes");
        }
        return UUID.nameUUIDFromBytes(("dbrefresh|" + run + "|" + step.id() + "|" + secret).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
