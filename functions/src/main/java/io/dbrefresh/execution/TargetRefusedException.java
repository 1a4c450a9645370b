package io.dbrefresh.execution;

/**
 * guard-target refused the refresh before anything was touched: the target is the source or
 * one of its replicas, is tagged protected, is production, or would lose its data.
 */
public class TargetRefusedException extends UnsafeTargetException {
    public TargetRefusedException(String message) {
        super(message);
    }
}
