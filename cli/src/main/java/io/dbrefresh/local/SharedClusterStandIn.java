package io.dbrefresh.local;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbrefresh.aws.AwsClients;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.refreshfile.RdsArn;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.ram.model.AcceptResourceShareInvitationRequest;
import software.amazon.awssdk.services.ram.model.GetResourceShareInvitationsRequest;
import software.amazon.awssdk.services.ram.model.ResourceOwner;
import software.amazon.awssdk.services.ram.model.ResourceShare;
import software.amazon.awssdk.services.ram.model.ResourceShareAssociationType;
import software.amazon.awssdk.services.ram.model.ResourceShareStatus;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBClusterSnapshot;
import software.amazon.awssdk.services.rds.model.DbClusterNotFoundException;
import software.amazon.awssdk.services.rds.model.DbClusterSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.RestoreDbClusterFromSnapshotRequest;
import software.amazon.awssdk.services.rds.model.RestoreDbClusterToPointInTimeRequest;

/**
 * The emulator's gaps with Aurora across accounts, closed in the local world, not in the
 * handlers (which are written for AWS), for the target account's own calls only:
 * <ul>
 * <li>moto (5.2.1) has no AWS RAM invitations: GetResourceShareInvitations and
 *     AcceptResourceShareInvitation answer 404. Here they are answered from the other account's
 *     real RAM shares in moto: a live share whose principals name this account is a
 *     {@code PENDING} invitation to it until accepted, then {@code ACCEPTED}, as between two
 *     accounts outside an AWS Organization;</li>
 * <li>moto clones no cluster of another account by its ARN (RestoreDBClusterToPointInTime looks
 *     the name up in this account only), and restores no cluster snapshot by an ARN at all. A
 *     clone of another account's cluster is answered from a mirror only when that account really
 *     shares the cluster with this one (a live RAM share naming the cluster and this account,
 *     whose invitation this account accepted); a restore of another account's cluster snapshot
 *     only when its {@code restore} attribute names this account (or {@code all}). The mirror, a
 *     cluster (or cluster snapshot) made in this account through moto's API with the original's
 *     engine, version and master user, stands in for the call and is deleted when the call ends.</li>
 * </ul>
 * Anything not shared with this account is left alone, and the call fails as on AWS.
 */
public final class SharedClusterStandIn extends CrossAccountStandIn {

    private static final ExecutionAttribute<String> MIRROR = new ExecutionAttribute<>("dbrefresh.local.cluster-mirror");
    private static final ExecutionAttribute<String> SNAPSHOT_MIRROR = new ExecutionAttribute<>("dbrefresh.local.cluster-snapshot-mirror");
    private static final ExecutionAttribute<byte[]> ANSWER = new ExecutionAttribute<>("dbrefresh.local.ram-answer");
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Set<ResourceShareStatus> LIVE = Set.of(ResourceShareStatus.PENDING, ResourceShareStatus.ACTIVE);

    private final Function<String, AwsClients> otherAccount;
    /** The invitations this account accepted, by share ARN. */
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();

    /**
     * @param account      this (the target) account
     * @param accessKeyId  the access key of this account's calls: calls made with other credentials pass untouched
     * @param here         an RDS client of this account without this interceptor (the mirrors' own calls)
     * @param otherAccount the clients of another account, by its id (its shares, clusters and snapshots)
     * @param log          told, in a line, each time a stand-in answers
     */
    public SharedClusterStandIn(String account, String accessKeyId, RdsClient here,
                                Function<String, AwsClients> otherAccount, Consumer<String> log) {
        super(account, accessKeyId, here, log);
        this.otherAccount = otherAccount;
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        if (!(request instanceof RestoreDbClusterToPointInTimeRequest || request instanceof RestoreDbClusterFromSnapshotRequest
                || request instanceof GetResourceShareInvitationsRequest || request instanceof AcceptResourceShareInvitationRequest)
                || !ownCall(attributes)) {
            return request;
        }
        if (request instanceof RestoreDbClusterToPointInTimeRequest clone) {
            String mirror = clusterMirrorOf(clone.sourceDBClusterIdentifier(), attributes);
            return mirror == null ? request : clone.toBuilder().sourceDBClusterIdentifier(mirror).build();
        }
        if (request instanceof RestoreDbClusterFromSnapshotRequest restore) {
            String mirror = snapshotMirrorOf(restore.snapshotIdentifier(), attributes);
            return mirror == null ? request : restore.toBuilder().snapshotIdentifier(mirror).build();
        }
        if (request instanceof GetResourceShareInvitationsRequest asked) {
            attributes.putAttribute(ANSWER, invitations(asked.resourceShareArns()));
        } else if (request instanceof AcceptResourceShareInvitationRequest accept) {
            attributes.putAttribute(ANSWER, accept(accept.resourceShareInvitationArn()));
        }
        return request;
    }

    /** A RAM invitation call is answered here: the emulator's 404 becomes the answer AWS would give. */
    @Override
    public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        byte[] answer = attributes.getAttribute(ANSWER);
        if (answer == null) {
            return context.httpResponse();
        }
        return context.httpResponse().toBuilder().statusCode(200).statusText("OK").removeHeader("Content-Length")
                .putHeader("Content-Type", "application/json").putHeader("Content-Length", String.valueOf(answer.length)).build();
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        byte[] answer = attributes.getAttribute(ANSWER);
        return answer == null ? context.responseBody() : Optional.of(new ByteArrayInputStream(answer));
    }

    /** The invitations to this account of the live shares of the other accounts it knows: all, or those of {@code shareArns}. */
    private byte[] invitations(List<String> shareArns) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode list = body.putArray("resourceShareInvitations");
        for (String owner : owners(shareArns)) {
            for (ResourceShare share : sharesWithThisAccount(owner)) {
                if (shareArns.isEmpty() || shareArns.contains(share.resourceShareArn())) {
                    list.add(invitation(share, accepted.contains(share.resourceShareArn()) ? "ACCEPTED" : "PENDING"));
                }
            }
        }
        return bytes(body);
    }

    private byte[] accept(String invitationArn) {
        String shareArn = shareOfInvitation(invitationArn);
        for (ResourceShare share : sharesWithThisAccount(RdsArn.accountOf(shareArn))) {
            if (share.resourceShareArn().equals(shareArn)) {
                accepted.add(shareArn);
                log.accept("emulator gap: AWS RAM invitation to share " + share.name() + " accepted by account " + account
                        + " (the emulator has no invitations; answered from the share in account " + share.owningAccountId() + ")");
                ObjectNode body = Json.MAPPER.createObjectNode();
                body.set("resourceShareInvitation", invitation(share, "ACCEPTED"));
                return bytes(body);
            }
        }
        ObjectNode error = Json.MAPPER.createObjectNode();
        error.putArray("resourceShareInvitations");
        return bytes(error);
    }

    private ObjectNode invitation(ResourceShare share, String status) {
        ObjectNode i = Json.MAPPER.createObjectNode();
        i.put("resourceShareInvitationArn", invitationArn(share.resourceShareArn()));
        i.put("resourceShareName", share.name());
        i.put("resourceShareArn", share.resourceShareArn());
        i.put("senderAccountId", share.owningAccountId());
        i.put("receiverAccountId", account);
        i.put("invitationTimestamp", (share.creationTime() == null ? Instant.now() : share.creationTime()).getEpochSecond());
        i.put("status", status);
        return i;
    }

    /** An invitation's ARN names its share's id: the invitation of share {@code .../resource-share/ID} is {@code .../resource-share-invitation/ID}. */
    private static String invitationArn(String shareArn) {
        return shareArn.replace(":resource-share/", ":resource-share-invitation/");
    }

    private static String shareOfInvitation(String invitationArn) {
        return invitationArn.replace(":resource-share-invitation/", ":resource-share/");
    }

    /** The accounts whose shares an answer reads: those of the ARNs asked about, else every other account seen so far. */
    private List<String> owners(List<String> shareArns) {
        List<String> out = new ArrayList<>();
        for (String arn : shareArns) {
            String owner = RdsArn.accountOf(arn);
            if (owner != null && !owner.equals(account) && !out.contains(owner)) {
                out.add(owner);
            }
        }
        return out;
    }

    /** {@code owner}'s live shares whose principals name this account. */
    private List<ResourceShare> sharesWithThisAccount(String owner) {
        if (owner == null || owner.equals(account)) {
            return List.of();
        }
        var ram = otherAccount.apply(owner).ram();
        return ram.getResourceShares(b -> b.resourceOwner(ResourceOwner.SELF)).resourceShares().stream()
                .filter(s -> LIVE.contains(s.status()))
                .filter(s -> ram.getResourceShareAssociations(b -> b.associationType(ResourceShareAssociationType.PRINCIPAL)
                        .resourceShareArns(s.resourceShareArn())).resourceShareAssociations().stream()
                        .anyMatch(a -> account.equals(a.associatedEntity())))
                .toList();
    }

    /** The mirror standing in for another account's cluster {@code ref}, when it is shared with this account and accepted; else null. */
    private String clusterMirrorOf(String ref, ExecutionAttributes attributes) {
        String owner = otherOwnerOf(ref);
        if (owner == null) {
            return null;
        }
        var ram = otherAccount.apply(owner).ram();
        boolean shared = sharesWithThisAccount(owner).stream().filter(s -> accepted.contains(s.resourceShareArn()))
                .anyMatch(s -> ram.getResourceShareAssociations(b -> b.associationType(ResourceShareAssociationType.RESOURCE)
                        .resourceShareArns(s.resourceShareArn())).resourceShareAssociations().stream()
                        .anyMatch(a -> ref.equals(a.associatedEntity())));
        if (!shared) {
            return null;
        }
        DBCluster original;
        try {
            original = otherAccount.apply(owner).rds().describeDBClusters(b -> b.dbClusterIdentifier(RdsArn.resourceNameOf(ref)))
                    .dbClusters().getFirst();
        } catch (DbClusterNotFoundException e) {
            return null;
        }
        String mirror = "dbrefresh-local-mirror-c" + COUNTER.incrementAndGet() + "-" + System.nanoTime() % 1_000_000;
        here.createDBCluster(b -> b.dbClusterIdentifier(mirror).engine(original.engine()).engineVersion(original.engineVersion())
                .masterUsername(original.masterUsername()).masterUserPassword(LocalPasswords.random()));
        attributes.putAttribute(MIRROR, mirror);
        log.accept("emulator gap: clone of " + ref + " (shared with " + account + " through AWS RAM) answered from mirror cluster "
                + mirror + " made in this account and deleted after the call");
        return mirror;
    }

    /** The mirror standing in for another account's cluster snapshot {@code ref} shared with this account; else null. */
    private String snapshotMirrorOf(String ref, ExecutionAttributes attributes) {
        String owner = otherOwnerOf(ref);
        if (owner == null) {
            return null;
        }
        RdsClient theirs = otherAccount.apply(owner).rds();
        String name = RdsArn.resourceNameOf(ref);
        DBClusterSnapshot shared;
        List<String> sharedWith;
        try {
            shared = theirs.describeDBClusterSnapshots(b -> b.dbClusterSnapshotIdentifier(name)).dbClusterSnapshots().getFirst();
            sharedWith = theirs.describeDBClusterSnapshotAttributes(b -> b.dbClusterSnapshotIdentifier(name))
                    .dbClusterSnapshotAttributesResult().dbClusterSnapshotAttributes().stream()
                    .filter(a -> "restore".equals(a.attributeName())).flatMap(a -> a.attributeValues().stream()).toList();
        } catch (DbClusterSnapshotNotFoundException e) {
            return null;
        }
        if (!restorableHere(sharedWith)) {
            return null;
        }
        int n = COUNTER.incrementAndGet();
        String cluster = "dbrefresh-local-mirror-c" + n;
        String mirror = cluster + "-" + System.nanoTime() % 1_000_000;
        here.createDBCluster(b -> b.dbClusterIdentifier(cluster).engine(shared.engine()).engineVersion(shared.engineVersion())
                .masterUsername(shared.masterUsername()).masterUserPassword(LocalPasswords.random()));
        try {
            here.createDBClusterSnapshot(b -> b.dbClusterIdentifier(cluster).dbClusterSnapshotIdentifier(mirror));
        } finally {
            here.deleteDBCluster(b -> b.dbClusterIdentifier(cluster).skipFinalSnapshot(true));
        }
        attributes.putAttribute(SNAPSHOT_MIRROR, mirror);
        log.accept("emulator gap: " + ref + " (shared with " + account + ") answered from mirror " + mirror
                + " made in this account and deleted after the call");
        return mirror;
    }

    @Override
    void removeMirrors(ExecutionAttributes attributes) {
        String mirror = attributes.getAttribute(MIRROR);
        if (mirror != null) {
            try {
                here.deleteDBCluster(b -> b.dbClusterIdentifier(mirror).skipFinalSnapshot(true));
            } catch (DbClusterNotFoundException ignored) {
                // already gone
            }
        }
        String snapshot = attributes.getAttribute(SNAPSHOT_MIRROR);
        if (snapshot != null) {
            try {
                here.deleteDBClusterSnapshot(b -> b.dbClusterSnapshotIdentifier(snapshot));
            } catch (DbClusterSnapshotNotFoundException ignored) {
                // already gone
            }
        }
    }

    private static byte[] bytes(ObjectNode body) {
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }
}
