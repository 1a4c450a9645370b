package io.dbrefresh.execution;

/**
 * preflight found that the live account lacks what the refresh file names (a source, a
 * snapshot, a group, a secret, a script): the refresh would fail half-way, so it stops before
 * anything is touched. The message lists every problem at its JSON path.
 */
public class PreflightFailedException extends RuntimeException {
    public PreflightFailedException(String message) {
        super(message);
    }
}
