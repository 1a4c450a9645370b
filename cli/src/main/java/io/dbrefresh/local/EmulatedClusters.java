package io.dbrefresh.local;

import java.util.ArrayList;
import java.util.List;

import io.dbrefresh.refreshfile.InstanceSpec;
import io.dbrefresh.refreshfile.RdsArn;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.Replica;
import io.dbrefresh.refreshfile.ReplicaSpec;
import io.dbrefresh.refreshfile.RestoreSpec;
import io.dbrefresh.refreshfile.RestoreType;
import io.dbrefresh.refreshfile.StepId;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.ServerlessV2ScalingConfiguration;
import software.amazon.awssdk.services.rds.model.Tag;

/**
 * Seeds the emulated account for an Aurora refresh: the production cluster with a writer, the
 * current target cluster with a writer, two readers and tags of its own, the cluster snapshots a
 * fromsnapshot refresh looks for, and the subnet and parameter groups the file names. A target
 * whose writer class is {@code db.serverless} is seeded as an Aurora Serverless v2 cluster.
 * With an account description, its clusters and cluster snapshots stand instead of the source,
 * target and snapshots the file expects.
 */
final class EmulatedClusters {

    /** The capacity range of a seeded Serverless v2 target, which the refreshed cluster must keep. */
    static final double MIN_ACU = 0.5;
    static final double MAX_ACU = 8.0;
    static final String SERVERLESS = "db.serverless";

    private final RdsClient rds;
    /** Where the source and its snapshots live: this account's, or the source account's across accounts. */
    private final RdsClient sourceRds;
    private final Ec2Client ec2;
    /** True the first time a thing is seeded in the account: a fleet's files share sources and groups. */
    private final java.util.function.Predicate<String> first;

    EmulatedClusters(RdsClient rds, RdsClient sourceRds, Ec2Client ec2, java.util.function.Predicate<String> first) {
        this.rds = rds;
        this.sourceRds = sourceRds;
        this.ec2 = ec2;
        this.first = first;
    }

    List<String> seed(RefreshPlan plan, AccountDescription described) {
        List<String> created = new ArrayList<>();
        RestoreSpec restore = plan.restore();
        InstanceSpec writer = plan.createInstance();
        String engine = EmulatedEngine.of(plan);
        ReplicaSpec replicas = plan.replicas();
        SeededGroups.subnetGroups(rds, ec2, SeededGroups.named(restore.subnetGroup(), writer == null ? null : writer.subnetGroup(),
                replicas == null ? null : replicas.subnetGroup()), first, created);
        String family = engine.equals("aurora-postgresql") ? "aurora-postgresql16" : "aurora-mysql8.0";
        if (restore.clusterParameterGroup() != null && !restore.clusterParameterGroup().startsWith("default.")
                && first.test("cluster parameter group " + restore.clusterParameterGroup())) {
            rds.createDBClusterParameterGroup(b -> b.dbClusterParameterGroupName(restore.clusterParameterGroup())
                    .dbParameterGroupFamily(family).description("dbrefresh local run"));
            created.add("DB cluster parameter group " + restore.clusterParameterGroup());
        }
        SeededGroups.parameterGroups(rds, family, SeededGroups.named(writer == null ? null : writer.dbParameterGroup(),
                replicas == null ? null : replicas.dbParameterGroup()), first, created);

        if (described != null) {
            seedDescribed(described, created);
            return created;
        }
        boolean elsewhere = sourceRds != rds;
        String source = RdsArn.nameOf(plan.source());
        String where = elsewhere ? " in account " + restore.sourceAccount().accountId() : "";
        String sourceWriter = source + "-writer";
        if (first.test("source " + source)) {
            createCluster(sourceRds, source, engine, EmulatedAccount.SOURCE_TAGS, null);
            createInstance(sourceRds, sourceWriter, source, engine, "db.r6g.large", EmulatedAccount.SOURCE_TAGS);
            created.add("source cluster " + source + " (" + engine + ") with writer " + sourceWriter + where);
        }

        if (restore.restoreType() == RestoreType.FROM_SNAPSHOT && first.test("snapshots of " + source)) {
            String older = source + "-daily-1";
            String newer = restore.snapshot() != null && !RdsArn.isArn(restore.snapshot()) ? restore.snapshot()
                    : restore.snapshot() != null && elsewhere ? RdsArn.nameOf(restore.snapshot()) : source + "-daily-2";
            sourceRds.createDBClusterSnapshot(b -> b.dbClusterIdentifier(source).dbClusterSnapshotIdentifier(older));
            sourceRds.createDBClusterSnapshot(b -> b.dbClusterIdentifier(source).dbClusterSnapshotIdentifier(newer));
            created.add("cluster snapshots " + older + ", " + newer + " of " + source + where);
        }

        boolean targetExists = plan.runs(StepId.DELETE_OLD_CLUSTER) || plan.runs(StepId.DELETE_OLD_DATABASE)
                || plan.runs(StepId.DELETE_REPLICAS);
        if (targetExists) {
            boolean serverless = writer != null && SERVERLESS.equals(writer.dbClass());
            cluster(plan.target(), engine, EmulatedAccount.TARGET_TAGS, serverless
                    ? ServerlessV2ScalingConfiguration.builder().minCapacity(MIN_ACU).maxCapacity(MAX_ACU).build() : null);
            String writerClass = writer != null && writer.dbClass() != null ? writer.dbClass() : "db.r6g.large";
            instance(plan.instance(), plan.target(), engine, writerClass, EmulatedAccount.TARGET_TAGS);
            created.add("current target cluster " + plan.target() + (serverless ? " (Serverless v2, " + MIN_ACU + "-" + MAX_ACU + " ACU)" : "")
                    + " with writer " + plan.instance() + " and tags team, cost-center");
            for (Replica r : readersOf(plan)) {
                instance(r.name(), plan.target(), engine, r.dbClass(), List.of());
                created.add("reader " + r.name() + " (" + r.dbClass() + ") of " + plan.target());
            }
        }
        return created;
    }

    /** The clusters, their writers and readers, and the cluster snapshots an account file describes. */
    private void seedDescribed(AccountDescription described, List<String> created) {
        for (AccountDescription.Cluster c : described.clusters()) {
            List<Tag> tags = c.tags().entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
            cluster(c.id(), c.engine(), tags, null);
            instance(c.writer().id(), c.id(), c.engine(), c.writer().dbClass(), tags);
            created.add("cluster " + c.id() + " (" + c.engine() + ") with writer " + c.writer().id() + " (" + c.writer().dbClass()
                    + ") as " + described.file() + " describes it");
            for (AccountDescription.Member r : c.readers()) {
                instance(r.id(), c.id(), c.engine(), r.dbClass(), List.of());
                created.add("reader " + r.id() + " (" + r.dbClass() + ") of " + c.id());
            }
        }
        for (AccountDescription.ClusterSnapshot snap : described.clusterSnapshots()) {
            rds.createDBClusterSnapshot(b -> b.dbClusterIdentifier(snap.cluster()).dbClusterSnapshotIdentifier(snap.id()));
            created.add("cluster snapshot " + snap.id() + " of " + snap.cluster());
        }
    }

    /** The readers the seeded target gets: the ones the file lists, else two of its own. */
    static List<Replica> readersOf(RefreshPlan plan) {
        if (plan.replicas() != null && plan.replicas().replicas() != null && !plan.replicas().replicas().isEmpty()) {
            return plan.replicas().replicas();
        }
        String writerClass = plan.createInstance() != null && plan.createInstance().dbClass() != null
                ? plan.createInstance().dbClass() : "db.r6g.large";
        return List.of(new Replica(plan.instance() + "-r1", writerClass), new Replica(plan.instance() + "-r2", "db.r6g.xlarge"));
    }

    private void cluster(String id, String engine, List<Tag> tags,
                         ServerlessV2ScalingConfiguration scaling) {
        createCluster(rds, id, engine, tags, scaling);
    }

    private void instance(String id, String cluster, String engine, String dbClass, List<Tag> tags) {
        createInstance(rds, id, cluster, engine, dbClass, tags);
    }

    private static void createCluster(RdsClient in, String id, String engine, List<Tag> tags, ServerlessV2ScalingConfiguration scaling) {
        in.createDBCluster(b -> b.dbClusterIdentifier(id).engine(engine).masterUsername("admin")
                .masterUserPassword(LocalPasswords.random()).tags(tags).serverlessV2ScalingConfiguration(scaling));
    }

    private static void createInstance(RdsClient in, String id, String cluster, String engine, String dbClass, List<Tag> tags) {
        in.createDBInstance(b -> b.dbInstanceIdentifier(id).dbClusterIdentifier(cluster).engine(engine).dbInstanceClass(dbClass).tags(tags));
    }
}
