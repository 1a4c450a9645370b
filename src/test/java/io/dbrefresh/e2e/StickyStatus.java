package io.dbrefresh.e2e;

import java.util.List;

import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;

/**
 * Shows one instance (or one Aurora cluster) in one status (a restore that never ends, a
 * replica that failed) in every describe answer from when it is armed until it is released. A
 * test releases it when the recovery path begins, so recovery sees moto's truth: the fault is
 * in the step, not in the world.
 */
final class StickyStatus implements ExecutionInterceptor {

    private final String resource;
    private final String status;
    private final boolean cluster;
    private volatile String armingOperation;
    private volatile String armingResource;
    private volatile boolean armed;
    private volatile boolean released;
    private volatile int shown;

    StickyStatus(String instance, String status) {
        this(instance, status, false);
    }

    private StickyStatus(String resource, String status, boolean cluster) {
        this.resource = resource;
        this.status = status;
        this.cluster = cluster;
    }

    /** The status shows for the DB cluster {@code id} in DescribeDBClusters answers. */
    static StickyStatus ofCluster(String id, String status) {
        return new StickyStatus(id, status, true);
    }

    /** The status shows for the DB cluster {@code id} when {@code cluster}, else for the DB instance {@code id}. */
    static StickyStatus of(String id, boolean cluster, String status) {
        return new StickyStatus(id, status, cluster);
    }

    /**
     * Arms itself once the call that starts the step (an operation on a resource, as the
     * request names it) has gone through: no event of the engine is needed, so the step's first
     * check sees the status and the steps before it never do.
     */
    StickyStatus armedAfter(String operation, String requestResource) {
        this.armingOperation = operation;
        this.armingResource = requestResource;
        return this;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (armingOperation != null && armingOperation.equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))
                && names(context.request(), armingResource)) {
            armed = true;
        }
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        if (!armed || released) {
            return context.response();
        }
        if (!cluster && context.response() instanceof DescribeDbInstancesResponse r) {
            List<DBInstance> rewritten = r.dbInstances().stream().map(i -> {
                if (!resource.equals(i.dbInstanceIdentifier())) {
                    return i;
                }
                shown++;
                return i.toBuilder().dbInstanceStatus(status).build();
            }).toList();
            return r.toBuilder().dbInstances(rewritten).build();
        }
        if (cluster && context.response() instanceof DescribeDbClustersResponse r) {
            List<DBCluster> rewritten = r.dbClusters().stream().map(c -> {
                if (!resource.equals(c.dbClusterIdentifier())) {
                    return c;
                }
                shown++;
                return c.toBuilder().status(status).build();
            }).toList();
            return r.toBuilder().dbClusters(rewritten).build();
        }
        return context.response();
    }

    private static boolean names(software.amazon.awssdk.core.SdkRequest request, String id) {
        for (String field : new String[] {"DBInstanceIdentifier", "TargetDBInstanceIdentifier", "DBClusterIdentifier"}) {
            if (id.equals(request.getValueForField(field, String.class).orElse(null))) {
                return true;
            }
        }
        return false;
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
