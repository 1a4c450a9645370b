package io.dbrefresh.secrets;

import java.util.ArrayDeque;
import java.util.Deque;

import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.rds.model.ClusterPendingModifiedValues;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;
import software.amazon.awssdk.services.rds.model.PendingModifiedValues;

/**
 * moto applies a master password change at once; RDS takes a while, showing
 * {@code resetting-master-credentials} and a pending MasterUserPassword. This replays such
 * statuses on the next describe responses, one per describe, so a check sees the change in
 * progress before it sees it applied.
 */
final class DescribeRewrites implements ExecutionInterceptor {

    private final Deque<String> statuses = new ArrayDeque<>();

    /** The next describes show these statuses, each with a pending master password. */
    synchronized DescribeRewrites pending(String... next) {
        statuses.addAll(java.util.List.of(next));
        return this;
    }

    @Override
    public synchronized SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        SdkResponse r = context.response();
        if (statuses.isEmpty()) {
            return r;
        }
        if (r instanceof DescribeDbInstancesResponse d && d.hasDbInstances() && !d.dbInstances().isEmpty()) {
            String status = statuses.poll();
            DBInstance i = d.dbInstances().get(0).toBuilder().dbInstanceStatus(status)
                    .pendingModifiedValues(PendingModifiedValues.builder().masterUserPassword("****").build()).build();
            return d.toBuilder().dbInstances(i).build();
        }
        if (r instanceof DescribeDbClustersResponse d && d.hasDbClusters() && !d.dbClusters().isEmpty()) {
            String status = statuses.poll();
            DBCluster c = d.dbClusters().get(0).toBuilder().status(status)
                    .pendingModifiedValues(ClusterPendingModifiedValues.builder().masterUserPassword("****").build()).build();
            return d.toBuilder().dbClusters(c).build();
        }
        return r;
    }
}
