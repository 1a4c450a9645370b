package io.dbrefresh.e2e;

import java.util.List;

import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;

/**
 * Shows one instance in one status (a restore that never ends, a replica that failed) in
 * every DescribeDBInstances answer from when it is armed until it is released. A test releases it when the recovery
 * path begins, so recovery sees moto's truth: the fault is in the step, not in the world.
 */
final class StickyStatus implements ExecutionInterceptor {

    private final String instance;
    private final String status;
    private volatile boolean armed;
    private volatile boolean released;
    private volatile int shown;

    StickyStatus(String instance, String status) {
        this.instance = instance;
        this.status = status;
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        if (!armed || released || !(context.response() instanceof DescribeDbInstancesResponse r)) {
            return context.response();
        }
        List<DBInstance> rewritten = r.dbInstances().stream().map(i -> {
            if (!instance.equals(i.dbInstanceIdentifier())) {
                return i;
            }
            shown++;
            return i.toBuilder().dbInstanceStatus(status).build();
        }).toList();
        return r.toBuilder().dbInstances(rewritten).build();
    }

    /** From now on the status shows: the steps before the faulty one see the world as it is. */
    void arm() {
        armed = true;
    }

    void release() {
        released = true;
    }

    int shown() {
        return shown;
    }
}
