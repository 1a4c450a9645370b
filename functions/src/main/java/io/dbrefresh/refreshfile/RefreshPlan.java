package io.dbrefresh.refreshfile;

import java.util.List;
import java.util.Map;

/**
 * The normalised, validated form of a refresh file: what the state machine receives as
 * {@code $.plan}. {@code steps} is ordered as the steps run (seed order) and holds every
 * step, each marked run or skip. It carries no copy of the file's comment: the file travels
 * beside it through the execution, and both must fit Step Functions' 256 KiB.
 *
 * @param target     the non-production instance (rds) or cluster (aurora) being refreshed
 * @param instance   rds: the target instance; aurora: the writer instance of the target cluster
 * @param tableName  DynamoDB history table, or null for the deployment's default
 * @param topicArn   SNS topic, or null for the deployment's default
 * @param email      sendmsg's e-mail report through SES, or null when the file asks for none
 */
public record RefreshPlan(
        DbService service,
        String source,
        String target,
        String instance,
        String application,
        String environment,
        String schedule,
        Map<StepId, PlannedStep> steps,
        RestoreSpec restore,
        InstanceSpec createInstance,
        DeleteSpec delete,
        ReplicaSpec replicas,
        PasswordSpec password,
        ScriptsSpec scripts,
        String tableName,
        String topicArn,
        List<String> warnings,
        EmailSpec email) {

    /** A plan without an e-mail report. */
    public RefreshPlan(DbService service, String source, String target, String instance, String application,
                       String environment, String schedule, Map<StepId, PlannedStep> steps, RestoreSpec restore,
                       InstanceSpec createInstance, DeleteSpec delete, ReplicaSpec replicas, PasswordSpec password,
                       ScriptsSpec scripts, String tableName, String topicArn, List<String> warnings) {
        this(service, source, target, instance, application, environment, schedule, steps, restore, createInstance,
                delete, replicas, password, scripts, tableName, topicArn, warnings, null);
    }

    /** The environment labels that mean production: validation and guard-target read this one list. */
    public static final java.util.Set<String> PRODUCTION_ENVIRONMENTS = java.util.Set.of("prod", "production", "prd");

    public PlannedStep step(StepId id) {
        return steps.get(id);
    }

    public boolean runs(StepId id) {
        PlannedStep s = steps.get(id);
        return s != null && s.run();
    }
}
