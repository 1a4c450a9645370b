package io.dbrefresh.local;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

import io.dbrefresh.refreshfile.RdsArn;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.CopyDbSnapshotRequest;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DbSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.DescribeDbSnapshotsResponse;
import software.amazon.awssdk.services.rds.model.RestoreDbInstanceFromDbSnapshotRequest;

/**
 * An emulator gap closed in the local world, not in the handlers: moto (5.2.1) lists a snapshot
 * another of its accounts shared with this one, but restoring or copying it by its ARN looks
 * the name up in this account only ("not found"), and it lists the shared snapshot with its
 * owner's type ({@code manual}) where RDS says {@code shared}. The handlers are written for AWS,
 * which restores a shared snapshot by ARN; so for the target account's own calls only, and
 * only when the other account's snapshot really is shared with this one (its {@code restore}
 * attribute names this account or {@code all}), this interceptor:
 * <ul>
 * <li>answers a restore or copy by a shared snapshot's ARN from a mirror: a snapshot made in
 *     this account, through moto's API, of a short-lived instance with the shared snapshot's
 *     engine, version, storage, master user and encryption; the mirror is deleted when the
 *     call ends, so the account holds nothing of it afterwards;</li>
 * <li>reports other accounts' snapshots in a listing as {@code shared}, as RDS does.</li>
 * </ul>
 * A snapshot that is not shared with this account is left alone, and the call fails as on AWS.
 * The source account's own calls (the assumed role's credentials) pass untouched.
 */
public final class SharedSnapshotMirror extends CrossAccountStandIn {

    private static final ExecutionAttribute<String> MIRROR = new ExecutionAttribute<>("dbrefresh.local.mirror");
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final Function<String, RdsClient> otherAccount;
    private final Map<String, RdsClient> others = new ConcurrentHashMap<>();

    /**
     * @param account      this (the target) account
     * @param accessKeyId  the access key of this account's calls: calls made with other credentials pass untouched
     * @param here         an RDS client of this account without this interceptor (the mirror's own calls)
     * @param otherAccount an RDS client of another account, by its id (to read its snapshots and their sharing)
     * @param log          told, in a line, each time a mirror stands in for a shared snapshot
     */
    public SharedSnapshotMirror(String account, String accessKeyId, RdsClient here, Function<String, RdsClient> otherAccount,
                                Consumer<String> log) {
        super(account, accessKeyId, here, log);
        this.otherAccount = otherAccount;
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        if (!ownCall(attributes)) {
            return request;
        }
        if (request instanceof RestoreDbInstanceFromDbSnapshotRequest restore) {
            String mirror = mirrorOf(restore.dbSnapshotIdentifier(), attributes);
            return mirror == null ? request : restore.toBuilder().dbSnapshotIdentifier(mirror).build();
        }
        if (request instanceof CopyDbSnapshotRequest copy) {
            String mirror = mirrorOf(copy.sourceDBSnapshotIdentifier(), attributes);
            return mirror == null ? request : copy.toBuilder().sourceDBSnapshotIdentifier(mirror).build();
        }
        return request;
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        if (context.response() instanceof DescribeDbSnapshotsResponse listed && ownCall(attributes)
                && listed.dbSnapshots().stream().anyMatch(this::foreign)) {
            return listed.toBuilder().dbSnapshots(listed.dbSnapshots().stream()
                    .map(s -> foreign(s) ? s.toBuilder().snapshotType("shared").build() : s).toList()).build();
        }
        return context.response();
    }

    private boolean foreign(DBSnapshot s) {
        String owner = s.dbSnapshotArn() == null ? null : RdsArn.accountOf(s.dbSnapshotArn());
        return owner != null && !owner.equals(account);
    }

    /** The mirror standing in for {@code ref} when it is another account's snapshot shared with this one; else null. */
    private String mirrorOf(String ref, ExecutionAttributes attributes) {
        String owner = otherOwnerOf(ref);
        if (owner == null) {
            return null;
        }
        String name = RdsArn.resourceNameOf(ref);
        RdsClient theirs = others.computeIfAbsent(owner, otherAccount);
        DBSnapshot shared;
        List<String> sharedWith;
        try {
            shared = theirs.describeDBSnapshots(b -> b.dbSnapshotIdentifier(name)).dbSnapshots().stream().findFirst().orElse(null);
            sharedWith = theirs.describeDBSnapshotAttributes(b -> b.dbSnapshotIdentifier(name)).dbSnapshotAttributesResult()
                    .dbSnapshotAttributes().stream().filter(a -> "restore".equals(a.attributeName()))
                    .flatMap(a -> a.attributeValues().stream()).toList();
        } catch (DbSnapshotNotFoundException e) {
            return null;
        }
        if (shared == null || !restorableHere(sharedWith)) {
            return null;
        }
        int n = COUNTER.incrementAndGet();
        String instance = "dbrefresh-local-mirror-" + n;
        String mirror = "dbrefresh-local-mirror-" + n + "-" + System.nanoTime() % 1_000_000;
        here.createDBInstance(b -> b.dbInstanceIdentifier(instance).engine(shared.engine()).engineVersion(shared.engineVersion())
                .dbInstanceClass("db.t3.medium").allocatedStorage(shared.allocatedStorage()).storageType(shared.storageType())
                .masterUsername(shared.masterUsername()).masterUserPassword(LocalPasswords.random()).port(shared.port())
                .licenseModel(shared.licenseModel()).storageEncrypted(shared.encrypted()));
        try {
            here.createDBSnapshot(b -> b.dbInstanceIdentifier(instance).dbSnapshotIdentifier(mirror));
        } finally {
            here.deleteDBInstance(b -> b.dbInstanceIdentifier(instance).skipFinalSnapshot(true).deleteAutomatedBackups(true));
        }
        attributes.putAttribute(MIRROR, mirror);
        String line = "emulator gap: " + ref + " (shared with " + account + ") answered from mirror " + mirror
                + " made in this account and deleted after the call";
        log.accept(line);
        return mirror;
    }

    @Override
    void removeMirrors(ExecutionAttributes attributes) {
        String mirror = attributes.getAttribute(MIRROR);
        if (mirror == null) {
            return;
        }
        try {
            here.deleteDBSnapshot(b -> b.dbSnapshotIdentifier(mirror));
        } catch (DbSnapshotNotFoundException ignored) {
            // already gone
        }
    }
}
