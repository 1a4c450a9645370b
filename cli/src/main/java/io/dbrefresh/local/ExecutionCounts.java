package io.dbrefresh.local;

import java.util.List;

/**
 * What one execution used, counted from its history as Step Functions bills it: every state
 * entered is a state transition, every Task entered (and every retry of one) a Lambda
 * invocation. In a local run each polled step's first check finds its operation done, so these
 * are the fewest an execution of the file can use.
 */
public record ExecutionCounts(int transitions, int invocations) {

    public static ExecutionCounts of(List<ExecutionEvent> events) {
        int transitions = 0;
        int invocations = 0;
        for (ExecutionEvent e : events) {
            if ("StateEntered".equals(e.type())) {
                transitions++;
                if ("Task".equals(e.stateType())) {
                    invocations++;
                }
            } else if ("StateRetried".equals(e.type())) {
                invocations++;
            }
        }
        return new ExecutionCounts(transitions, invocations);
    }
}
