package io.dbrefresh.local;

/**
 * StopExecution for a local run: whoever holds it (a test, at the moment it chooses) stops the
 * running execution, which then ends ABORTED as on AWS. A stop asked before the run starts
 * takes effect as soon as it does.
 */
public final class ExecutionStop {

    private Runnable stopper;
    private boolean requested;

    /** Stops the execution; nothing when it has ended. */
    public synchronized void stop() {
        requested = true;
        if (stopper != null) {
            stopper.run();
        }
    }

    synchronized void attach(Runnable stopper) {
        this.stopper = stopper;
        if (requested) {
            stopper.run();
        }
    }

    synchronized void detach() {
        this.stopper = null;
    }
}
