package io.dbrefresh.rds;

import java.util.Map;
import java.util.Optional;

import io.dbrefresh.execution.DatabaseNotFoundException;
import io.dbrefresh.execution.Observation;
import io.dbrefresh.execution.UnsafeTargetException;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest;

/**
 * Renames the restored temp instance to the target's name. Only a temp instance this execution
 * restored is renamed, and never onto a name still in use (AWS refuses that; an emulator may
 * silently overwrite, so it is checked here first). The same call gives the copy, born
 * without public access, the old target's PubliclyAccessible, read from the copy's
 * {@link RefreshTags#PUBLICLY_ACCESSIBLE} tag (no tag: no old target, the copy stays private).
 */
public final class InstanceRename {

    private final RdsInstances instances;

    public InstanceRename(RdsInstances instances) {
        this.instances = instances;
    }

    /** @param resumed true when an earlier start of this execution had already issued the rename */
    public record Rename(boolean resumed, String message) {
    }

    public Rename rename(String temp, String target, String execution) {
        Optional<DBInstance> existingTarget = instances.find(target);
        Optional<DBInstance> tempInstance = instances.find(temp);
        if (existingTarget.isPresent()) {
            if (tempInstance.isEmpty() && ours(existingTarget.get(), execution)) {
                return new Rename(true, "DB instance " + temp + " already renamed to " + target + " by this execution ("
                        + existingTarget.get().dbInstanceStatus() + ")");
            }
            throw new UnsafeTargetException("cannot rename " + temp + " to " + target + ": a DB instance named " + target
                    + " still exists (" + existingTarget.get().dbInstanceStatus() + "); the old target must be deleted first");
        }
        DBInstance instance = tempInstance.orElseThrow(() -> new DatabaseNotFoundException(
                "restored DB instance " + temp + " not found: nothing to rename to " + target));
        Map<String, String> tags = instances.tags(instance.dbInstanceArn());
        if (!RefreshTags.createdBy(tags, execution)) {
            throw new UnsafeTargetException("DB instance " + temp + " was not restored by this execution; it is not renamed to " + target);
        }
        String publicAccess = tags.get(RefreshTags.PUBLICLY_ACCESSIBLE);
        ModifyDbInstanceRequest.Builder modify = ModifyDbInstanceRequest.builder()
                .dbInstanceIdentifier(temp).newDBInstanceIdentifier(target).applyImmediately(true);
        if (publicAccess != null) {
            modify.publiclyAccessible(Boolean.parseBoolean(publicAccess));
        }
        instances.client().modifyDBInstance(modify.build());
        return new Rename(false, "renaming DB instance " + temp + " to " + target
                + (publicAccess == null ? "" : "; publicly accessible " + publicAccess + ", as the old target was"));
    }

    /** Done when {@code target} is {@code available} and is the copy this execution restored. */
    public Observation progress(String temp, String target, String execution) {
        Optional<DBInstance> renamed = instances.find(target);
        if (renamed.isEmpty()) {
            return instances.find(temp).isPresent()
                    ? Observation.inProgress("DB instance " + temp + " is not renamed to " + target + " yet")
                    : Observation.failed("neither " + temp + " nor " + target + " exists");
        }
        String status = renamed.get().dbInstanceStatus();
        return switch (InstanceStatus.classify(status)) {
            case FAILED -> Observation.failed("renamed DB instance " + target + " is " + status);
            case IN_PROGRESS -> Observation.inProgress("renamed DB instance " + target + " is " + status);
            case DONE -> ours(renamed.get(), execution)
                    ? Observation.done("DB instance " + target + " is available")
                    : Observation.failed("DB instance " + target + " is available but is not the copy this execution restored");
        };
    }

    private boolean ours(DBInstance instance, String execution) {
        return instances.createdBy(instance, execution);
    }
}
