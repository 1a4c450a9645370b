package io.dbrefresh.e2e;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;

/**
 * moto makes every instance available at once; AWS takes minutes and passes through
 * intermediate statuses, or ends in a terminal failure. This interceptor rewrites the
 * status of one instance in DescribeDBInstances answers: each answer takes the next status
 * of the sequence; the last one sticks when {@code sticky}, else moto's own status returns.
 */
final class StatusSequence implements ExecutionInterceptor {

    private final String instance;
    private final ConcurrentLinkedDeque<String> statuses;
    private final boolean sticky;
    private volatile String last;

    StatusSequence(String instance, boolean sticky, String... statuses) {
        this.instance = instance;
        this.sticky = sticky;
        this.statuses = new ConcurrentLinkedDeque<>(List.of(statuses));
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        if (!(context.response() instanceof DescribeDbInstancesResponse r)) {
            return context.response();
        }
        List<DBInstance> rewritten = r.dbInstances().stream().map(i -> {
            if (!instance.equals(i.dbInstanceIdentifier())) {
                return i;
            }
            String next = statuses.poll();
            if (next != null) {
                last = next;
            } else if (!sticky || last == null) {
                return i;
            }
            return i.toBuilder().dbInstanceStatus(sticky && next == null ? last : next).build();
        }).toList();
        return r.toBuilder().dbInstances(rewritten).build();
    }

    boolean exhausted() {
        return statuses.isEmpty();
    }
}
