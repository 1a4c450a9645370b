package io.dbrefresh.refreshfile;

/** Aurora create-instance: the writer instance created in the restored (temp) cluster. */
public record InstanceSpec(
        String cluster,
        String instance,
        String tempInstance,
        String dbClass,
        String engine,
        String subnetGroup,
        String dbParameterGroup,
        Boolean autoMinorVersionUpgrade,
        Boolean copyTagsToSnapshot,
        Boolean performanceInsights,
        Integer performanceInsightsRetentionDays,
        String performanceInsightsKmsKeyId,
        Boolean enhancedMonitoring,
        Integer monitoringIntervalSeconds,
        String monitoringRoleArn) {
}
