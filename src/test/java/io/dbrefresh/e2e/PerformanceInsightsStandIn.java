package io.dbrefresh.e2e;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.rds.model.CreateDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DeleteDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest;

/**
 * moto accepts an instance's Performance Insights settings and never reports them
 * ({@code PerformanceInsightsEnabled} is absent from every DescribeDBInstances answer). This
 * keeps what a successful CreateDBInstance or ModifyDBInstance asked for, per instance (following
 * a rename, forgetting a delete), and reports it in DescribeDBInstances answers as RDS does, so an
 * old target can have Performance Insights on and a copy be seen to take it.
 */
final class PerformanceInsightsStandIn implements ExecutionInterceptor {

    private record Insights(boolean enabled, Integer retentionDays, String kmsKeyId) {
    }

    private final Map<String, Insights> byInstance = new ConcurrentHashMap<>();

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof ModifyDbInstanceRequest m) {
            Insights had = byInstance.remove(m.dbInstanceIdentifier());
            String id = m.newDBInstanceIdentifier() != null ? m.newDBInstanceIdentifier() : m.dbInstanceIdentifier();
            Insights now = m.enablePerformanceInsights() == null ? had
                    : new Insights(m.enablePerformanceInsights(), m.performanceInsightsRetentionPeriod(), m.performanceInsightsKMSKeyId());
            if (now != null) {
                byInstance.put(id, now);
            }
        } else if (context.request() instanceof CreateDbInstanceRequest c && c.enablePerformanceInsights() != null) {
            byInstance.put(c.dbInstanceIdentifier(), new Insights(c.enablePerformanceInsights(), c.performanceInsightsRetentionPeriod(),
                    c.performanceInsightsKMSKeyId()));
        } else if (context.request() instanceof DeleteDbInstanceRequest d) {
            byInstance.remove(d.dbInstanceIdentifier());
        }
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        if (!(context.response() instanceof DescribeDbInstancesResponse r)) {
            return context.response();
        }
        return r.toBuilder().dbInstances(r.dbInstances().stream().map(this::reported).toList()).build();
    }

    private DBInstance reported(DBInstance instance) {
        Insights pi = byInstance.get(instance.dbInstanceIdentifier());
        if (pi == null) {
            return instance;
        }
        return instance.toBuilder().performanceInsightsEnabled(pi.enabled())
                .performanceInsightsRetentionPeriod(pi.enabled() ? pi.retentionDays() : null)
                .performanceInsightsKMSKeyId(pi.enabled() ? pi.kmsKeyId() : null).build();
    }
}
