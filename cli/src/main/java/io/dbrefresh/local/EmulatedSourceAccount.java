package io.dbrefresh.local;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.dbrefresh.aws.AwsClients;
import io.dbrefresh.rds.CrossAccountNames;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.SourceAccount;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.ram.model.ResourceOwner;
import software.amazon.awssdk.services.ram.model.ResourceShareStatus;
import software.amazon.awssdk.services.rds.model.DBClusterSnapshot;
import software.amazon.awssdk.services.rds.model.DBSnapshot;

/**
 * The second account of a local run across accounts ({@code restore.sourceaccount}): production's
 * account, on the same moto server (which answers any account named in the
 * {@code x-moto-account-id} header). The run seeds it as the source-account stack and the DBA
 * leave it (the sharing key under {@value CrossAccountNames#KEY_ALIAS}, the source, its
 * snapshots), the steps reach it as on AWS, by assuming its role, and afterwards the run reads
 * from it what the refresh left there: nothing, when the copies and shares were removed.
 */
public final class EmulatedSourceAccount {

    private final SourceAccount account;
    private final AwsClients clients;
    private final AwsClients targetPlain;
    private String sharingKey;

    private EmulatedSourceAccount(SourceAccount account, URI endpoint, Region region) {
        this.account = account;
        this.clients = AwsClients.forEndpoint(endpoint, region, "testing", "testing", inAccount(account.accountId()));
        this.targetPlain = AwsClients.forEndpoint(endpoint, region, "testing", "testing", null);
    }

    /** The plan's source account on the emulator at {@code endpoint}; null when the plan's source is in the run's own account. */
    public static EmulatedSourceAccount of(RefreshPlan plan, URI endpoint, Region region) {
        if (plan.restore() == null || !plan.restore().crossAccount()) {
            return null;
        }
        return new EmulatedSourceAccount(plan.restore().sourceAccount(), endpoint, region);
    }

    /** Clients seeing another account of the same emulator: every request names it in moto's account header. */
    public static ExecutionInterceptor inAccount(String accountId) {
        return new ExecutionInterceptor() {
            @Override
            public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
                return context.httpRequest().toBuilder().putHeader("x-moto-account-id", accountId).build();
            }
        };
    }

    public String accountId() {
        return account.accountId();
    }

    /** The source account's clients, as its administrator sees it (not through the refresh's role). */
    public AwsClients clients() {
        return clients;
    }

    public RdsClient rds() {
        return clients.rds();
    }

    /**
     * The run's own account's clients, each target-account call passing through the emulator gaps'
     * workarounds for what the source account shares with this one: a snapshot
     * ({@link SharedSnapshotMirror}), a cluster snapshot, a cluster shared through AWS RAM and its
     * invitation ({@link SharedClusterStandIn}); {@code log} is told each time one stands in.
     */
    public AwsClients targetClients(URI endpoint, Region region, Consumer<String> log) {
        java.util.function.Function<String, AwsClients> other = id -> id.equals(account.accountId()) ? clients
                : AwsClients.forEndpoint(endpoint, region, "testing", "testing", inAccount(id));
        SharedSnapshotMirror mirror = new SharedSnapshotMirror(LocalExecution.ACCOUNT, "testing", targetPlain.rds(),
                id -> other.apply(id).rds(), log);
        SharedClusterStandIn clusters = new SharedClusterStandIn(LocalExecution.ACCOUNT, "testing", targetPlain.rds(), other, log);
        return AwsClients.forEndpoint(endpoint, region, "testing", "testing", mirror).intercepting(clusters);
    }

    /** What the source-account stack holds there: the customer managed key copies are re-encrypted with, under its alias. */
    public List<String> seedSharingKey() {
        String key = clients.kms().createKey(b -> b.description("dbrefresh sharing key (the source-account stack's)")).keyMetadata().arn();
        clients.kms().createAlias(b -> b.aliasName(CrossAccountNames.KEY_ALIAS).targetKeyId(key));
        sharingKey = key;
        return List.of("source account " + accountId() + ": sharing key " + CrossAccountNames.KEY_ALIAS + " (" + key
                + "), as the source-account stack makes it; its role " + account.roleArn() + " is assumed by the steps");
    }

    public String sharingKey() {
        return sharingKey;
    }

    /**
     * What the refresh left in the source account and shared with the run's: the snapshots named
     * {@value CrossAccountNames#COPY_PREFIX}... there and the snapshots of that account this one
     * may restore. Empty when every copy and share was removed.
     */
    public List<String> leftBehind() {
        List<String> left = new ArrayList<>();
        for (DBSnapshot s : rds().describeDBSnapshotsPaginator(b -> b.snapshotType("manual")).dbSnapshots()) {
            if (s.dbSnapshotIdentifier().startsWith(CrossAccountNames.COPY_PREFIX)) {
                left.add("snapshot " + s.dbSnapshotIdentifier() + " in account " + accountId());
            }
        }
        for (DBSnapshot s : targetPlain.rds().describeDBSnapshotsPaginator(b -> b.snapshotType("shared").includeShared(true))
                .dbSnapshots()) {
            left.add("snapshot " + s.dbSnapshotArn() + " shared with account " + LocalExecution.ACCOUNT);
        }
        for (DBClusterSnapshot s : rds().describeDBClusterSnapshotsPaginator(b -> b.snapshotType("manual")).dbClusterSnapshots()) {
            if (s.dbClusterSnapshotIdentifier().startsWith(CrossAccountNames.COPY_PREFIX)) {
                left.add("cluster snapshot " + s.dbClusterSnapshotIdentifier() + " in account " + accountId());
            }
        }
        left.addAll(ramSharesLeft());
        return left;
    }

    /** The AWS RAM shares a clone across accounts made there and left (live ones under the copy prefix). */
    public List<String> ramSharesLeft() {
        return clients.ram().getResourceShares(b -> b.resourceOwner(ResourceOwner.SELF)).resourceShares().stream()
                .filter(s -> s.name().startsWith(CrossAccountNames.COPY_PREFIX))
                .filter(s -> s.status() == ResourceShareStatus.ACTIVE || s.status() == ResourceShareStatus.PENDING)
                .map(s -> "AWS RAM share " + s.name() + " in account " + accountId()).toList();
    }
}
