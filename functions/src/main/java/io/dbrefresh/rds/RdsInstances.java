package io.dbrefresh.rds;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dbrefresh.execution.DatabaseNotFoundException;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.AddTagsToResourceRequest;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.DbSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbSnapshotsRequest;
import software.amazon.awssdk.services.rds.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.rds.model.RemoveTagsFromResourceRequest;

/** Looks up DB instances, their read replicas, tags and snapshots; absence is an answer, not an error. */
public final class RdsInstances {

    private final RdsClient rds;

    public RdsInstances(RdsClient rds) {
        this.rds = rds;
    }

    /** The region its client works in: a cross-account restore's shared copy is there. */
    public String region() {
        return client().serviceClientConfiguration().region().id();
    }

    RdsClient client() {
        return rds;
    }

    /**
     * The instance, or empty when no instance has this identifier. A missing identifier finds
     * nothing: DescribeDBInstances without one would list every instance of the account.
     */
    public Optional<DBInstance> find(String id) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        try {
            return rds.describeDBInstances(DescribeDbInstancesRequest.builder().dbInstanceIdentifier(id).build()).dbInstances().stream().findFirst();
        } catch (DbInstanceNotFoundException e) {
            return Optional.empty();
        }
    }

    /** The instance; {@code role} says what it is to the refresh, for the error message. */
    public DBInstance require(String id, String role) {
        return find(id).orElseThrow(() -> new DatabaseNotFoundException(role + " DB instance " + id + " not found"));
    }

    /**
     * Every read replica of the instance, as identifiers (a cross-region replica appears as
     * its ARN). The Aurora read replica clusters of an RDS instance are not included.
     */
    public List<String> readReplicaIds(DBInstance primary) {
        return primary.hasReadReplicaDBInstanceIdentifiers() ? primary.readReplicaDBInstanceIdentifiers() : List.of();
    }

    /** Whether {@code instance} was created (or last refreshed) by {@code execution}, as its tags say. */
    public boolean createdBy(DBInstance instance, String execution) {
        return RefreshTags.createdBy(tags(instance.dbInstanceArn()), execution);
    }

    public Map<String, String> tags(String arn) {
        return RefreshTags.fromSdk(rds.listTagsForResource(ListTagsForResourceRequest.builder().resourceName(arn).build()).tagList());
    }

    public void addTags(String arn, Map<String, String> tags) {
        if (!tags.isEmpty()) {
            rds.addTagsToResource(AddTagsToResourceRequest.builder().resourceName(arn).tags(RefreshTags.toSdk(tags)).build());
        }
    }

    public void removeTags(String arn, Collection<String> keys) {
        if (!keys.isEmpty()) {
            rds.removeTagsFromResource(RemoveTagsFromResourceRequest.builder().resourceName(arn).tagKeys(keys).build());
        }
    }

    /** A snapshot of this account by name, or empty. */
    public Optional<DBSnapshot> findSnapshot(String name) {
        try {
            return rds.describeDBSnapshots(DescribeDbSnapshotsRequest.builder().dbSnapshotIdentifier(name).build()).dbSnapshots().stream().findFirst();
        } catch (DbSnapshotNotFoundException e) {
            return Optional.empty();
        }
    }
}
