package io.dbrefresh.rds;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.dbrefresh.execution.DatabaseNotFoundException;
import io.dbrefresh.execution.Observation;
import software.amazon.awssdk.services.ram.RamClient;
import software.amazon.awssdk.services.ram.model.ResourceOwner;
import software.amazon.awssdk.services.ram.model.ResourceShare;
import software.amazon.awssdk.services.ram.model.ResourceShareAssociation;
import software.amazon.awssdk.services.ram.model.ResourceShareAssociationType;
import software.amazon.awssdk.services.ram.model.ResourceShareInvitation;
import software.amazon.awssdk.services.ram.model.ResourceShareInvitationStatus;
import software.amazon.awssdk.services.ram.model.ResourceShareStatus;
import software.amazon.awssdk.services.ram.model.Tag;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DbClusterNotFoundException;

/**
 * Aurora cloning across accounts: the source account shares its cluster with the target account
 * through AWS RAM, the target account accepts the invitation when there is one (outside an AWS
 * Organization with sharing enabled), and the target then clones the cluster by its ARN. The
 * share is named {@value CrossAccountNames#COPY_PREFIX}<cluster>-<execution> and tagged with
 * the managed tag and the execution, the only shares the source role may change or delete; it
 * is deleted after the refresh, success or failure (a clone, once made, does not need it).
 */
public final class SharedClusters {

    /** The states of a share that still shares something; DELETING and DELETED ones are gone. */
    private static final Set<ResourceShareStatus> LIVE = Set.of(ResourceShareStatus.PENDING, ResourceShareStatus.ACTIVE,
            ResourceShareStatus.FAILED);

    private final RamClient source;
    private final RdsClient sourceRds;
    private final RamClient target;
    private final String targetAccount;

    /**
     * @param source        RAM in the source account (the assumed role's credentials)
     * @param sourceRds     RDS in the source account, to find the cluster's ARN
     * @param target        RAM in this (the target) account, to accept the invitation
     * @param targetAccount this account, the share's one principal
     */
    public SharedClusters(RamClient source, RdsClient sourceRds, RamClient target, String targetAccount) {
        this.source = source;
        this.sourceRds = sourceRds;
        this.target = target;
        this.targetAccount = targetAccount;
    }

    /** The share made for {@code execution}: the prefix and the execution, like the snapshot copies. */
    public static String shareName(String sourceCluster, String execution) {
        return SourceSnapshotCopies.copyName(sourceCluster, execution);
    }

    /**
     * Starts, or carries on with, sharing {@code sourceCluster} with this account: call until
     * DONE, whose message is the cluster's ARN (what the clone names as its source). Idempotent:
     * each call reads how far it got from the share it finds under this execution's name.
     */
    public Observation advance(String sourceCluster, String execution) {
        DBCluster cluster;
        try {
            cluster = sourceRds.describeDBClusters(b -> b.dbClusterIdentifier(sourceCluster)).dbClusters().stream().findFirst()
                    .orElseThrow(() -> DbClusterNotFoundException.builder().build());
        } catch (DbClusterNotFoundException e) {
            throw new DatabaseNotFoundException("DB cluster " + sourceCluster + " not found in the source account");
        }
        if (!"available".equals(cluster.status())) {
            return Observation.inProgress("source cluster " + sourceCluster + " is " + cluster.status() + " in the source account");
        }
        String name = shareName(sourceCluster, execution);
        Optional<ResourceShare> found = find(name);
        if (found.isEmpty()) {
            source.createResourceShare(b -> b.name(name).resourceArns(cluster.dbClusterArn()).principals(targetAccount)
                    .allowExternalPrincipals(true).clientToken(token(name))
                    .tags(Tag.builder().key(RefreshTags.MANAGED).value(RefreshTags.MANAGED_VALUE).build(),
                            Tag.builder().key(RefreshTags.EXECUTION).value(execution).build()));
            return Observation.inProgress("sharing cluster " + sourceCluster + " with account " + targetAccount
                    + " through AWS RAM (share " + name + ")");
        }
        ResourceShare share = found.get();
        if (share.status() == ResourceShareStatus.FAILED) {
            return Observation.failed("AWS RAM share " + name + " of cluster " + sourceCluster + " failed: " + share.statusMessage());
        }
        String accepted = acceptInvitation(share.resourceShareArn());
        ResourceShareAssociation principal = association(share.resourceShareArn(), ResourceShareAssociationType.PRINCIPAL, targetAccount);
        ResourceShareAssociation resource = association(share.resourceShareArn(), ResourceShareAssociationType.RESOURCE,
                cluster.dbClusterArn());
        for (ResourceShareAssociation a : new ResourceShareAssociation[] {principal, resource}) {
            if (a == null) {
                return Observation.inProgress("AWS RAM share " + name + " is being set up" + accepted);
            }
            switch (a.status()) {
                case ASSOCIATED -> { }
                case ASSOCIATING -> {
                    return Observation.inProgress("AWS RAM share " + name + " is associating " + a.associatedEntity() + accepted);
                }
                default -> {
                    return Observation.failed("AWS RAM share " + name + ": " + a.associatedEntity() + " is " + a.statusAsString()
                            + (a.statusMessage() == null ? "" : " (" + a.statusMessage() + ")"));
                }
            }
        }
        return Observation.done(cluster.dbClusterArn());
    }

    /** The line share-source reports once the cluster is shared. */
    public static String sharedMessage(String sourceCluster, String execution) {
        return "shared cluster " + sourceCluster + " with this account through AWS RAM share " + shareName(sourceCluster, execution);
    }

    /**
     * Deletes the share made for {@code execution}, whatever it got to (the clone made from it
     * stays: it no longer needs the share). Returns one line per action.
     */
    public List<String> remove(String sourceCluster, String execution) {
        String name = shareName(sourceCluster, execution);
        List<String> done = new ArrayList<>();
        for (ResourceShare share : named(name)) {
            source.deleteResourceShare(b -> b.resourceShareArn(share.resourceShareArn()).clientToken(token("delete " + name)));
            done.add("deleted AWS RAM share " + name + " of cluster " + sourceCluster + " in the source account");
        }
        return done;
    }

    /**
     * Deletes the shares earlier refreshes left (their removal failed or never ran) that no
     * refresh can still use: live shares named with the copy prefix, tagged managed and with an
     * execution, made more than {@link SnapshotHousekeeping#COPY_IN_USE} before {@code now}.
     */
    public List<String> removeLeftovers(Instant now) {
        Instant before = now.minus(SnapshotHousekeeping.COPY_IN_USE);
        List<String> done = new ArrayList<>();
        String next = null;
        do {
            String token = next;
            var page = source.getResourceShares(b -> b.resourceOwner(ResourceOwner.SELF).nextToken(token));
            for (ResourceShare share : page.resourceShares()) {
                boolean ours = share.name() != null && share.name().startsWith(CrossAccountNames.COPY_PREFIX) && LIVE.contains(share.status())
                        && share.tags().stream().anyMatch(t -> RefreshTags.MANAGED.equals(t.key()) && RefreshTags.MANAGED_VALUE.equals(t.value()))
                        && share.tags().stream().anyMatch(t -> RefreshTags.EXECUTION.equals(t.key()) && t.value() != null && !t.value().isBlank());
                if (ours && share.creationTime() != null && share.creationTime().isBefore(before)) {
                    source.deleteResourceShare(b -> b.resourceShareArn(share.resourceShareArn()).clientToken(token("delete " + share.name())));
                    done.add("deleted AWS RAM share " + share.name() + " made " + share.creationTime()
                            + ", left by its refresh and no longer needed (in the source account)");
                }
            }
            next = page.nextToken();
        } while (next != null);
        return done;
    }

    /**
     * The invitation to {@code shareArn} in this account, accepted when pending. None comes when
     * both accounts are in an AWS Organization with sharing enabled: the share is then associated at once.
     */
    private String acceptInvitation(String shareArn) {
        for (ResourceShareInvitation i : target.getResourceShareInvitations(b -> b.resourceShareArns(shareArn))
                .resourceShareInvitations()) {
            if (i.status() == ResourceShareInvitationStatus.PENDING) {
                target.acceptResourceShareInvitation(b -> b.resourceShareInvitationArn(i.resourceShareInvitationArn())
                        .clientToken(token("accept " + shareArn)));
                return "; accepted its invitation in account " + targetAccount;
            }
        }
        return "";
    }

    private ResourceShareAssociation association(String shareArn, ResourceShareAssociationType type, String entity) {
        return source.getResourceShareAssociations(b -> b.associationType(type).resourceShareArns(shareArn))
                .resourceShareAssociations().stream().filter(a -> entity.equals(a.associatedEntity())).findFirst().orElse(null);
    }

    private Optional<ResourceShare> find(String name) {
        return named(name).stream().findFirst();
    }

    /** This account's live shares named {@code name} (filtered here too: not every endpoint filters by name). */
    private List<ResourceShare> named(String name) {
        List<ResourceShare> out = new ArrayList<>();
        String next = null;
        do {
            String token = next;
            var page = source.getResourceShares(b -> b.resourceOwner(ResourceOwner.SELF).name(name).nextToken(token));
            page.resourceShares().stream().filter(s -> name.equals(s.name()) && LIVE.contains(s.status())).forEach(out::add);
            next = page.nextToken();
        } while (next != null);
        return out;
    }

    /** A client token made from {@code what}: a retried call is the same call. */
    private static String token(String what) {
        return UUID.nameUUIDFromBytes(what.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
