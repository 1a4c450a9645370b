package io.dbrefresh.rds;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.Tag;

/**
 * Puts an RDS instance refresh that failed back into a safe state, touching only what the
 * failed execution itself changed or created: an old target it stopped is started again; a
 * temp copy it created (tagged with its execution) is deleted, but only while the old data
 * still exists elsewhere (the old target, or its final snapshot). Safe to run twice.
 */
public final class SafeState {

    /** The tag every resource a refresh creates carries, with the execution's name. */
    public static final String EXECUTION_TAG = "dbrefresh:execution";

    private final RdsClient rds;

    public SafeState(RdsClient rds) {
        this.rds = rds;
    }

    /**
     * @param stoppedByUs  this execution stopped the old target
     * @param finalSnapshot the old target's final snapshot, when delete-old-database took one
     * @return one line per action taken
     */
    public List<String> restore(String target, String temp, String execution, boolean stoppedByUs, String finalSnapshot,
                                boolean keepTemp) {
        List<String> actions = new ArrayList<>();
        Optional<DBInstance> old = describe(target);
        boolean oldIsOurs = old.map(i -> taggedWith(i, execution)).orElse(false);
        if (stoppedByUs && old.isPresent() && !oldIsOurs && "stopped".equals(old.get().dbInstanceStatus())) {
            rds.startDBInstance(b -> b.dbInstanceIdentifier(target));
            actions.add("started the old target " + target + " again");
        }
        Optional<DBInstance> tempCopy = describe(temp);
        if (tempCopy.isPresent() && taggedWith(tempCopy.get(), execution)) {
            boolean oldDataSafe = (old.isPresent() && !oldIsOurs) || finalSnapshot != null;
            if (keepTemp) {
                actions.add("kept the temp copy " + temp + " as the refresh file asks");
            } else if (!oldDataSafe) {
                actions.add("kept the temp copy " + temp + ": the old target and its final snapshot are gone, it holds the only copy");
            } else if (!"deleting".equals(tempCopy.get().dbInstanceStatus())) {
                rds.deleteDBInstance(b -> b.dbInstanceIdentifier(temp).skipFinalSnapshot(true).deleteAutomatedBackups(true));
                actions.add("deleted the temp copy " + temp + " this run created");
            }
        }
        return actions;
    }

    /** Where the old target's data is now, in words. */
    public String oldDataAt(String target, String execution, String finalSnapshot) {
        Optional<DBInstance> old = describe(target);
        if (old.isPresent() && !taggedWith(old.get(), execution)) {
            return "instance " + target + " (" + old.get().dbInstanceStatus() + ")";
        }
        if (finalSnapshot != null) {
            return "final snapshot " + finalSnapshot;
        }
        return old.isPresent() ? "instance " + target + " (refreshed by this run)" : "nowhere: the old target did not exist";
    }

    private Optional<DBInstance> describe(String id) {
        try {
            return rds.describeDBInstances(b -> b.dbInstanceIdentifier(id)).dbInstances().stream().findFirst();
        } catch (DbInstanceNotFoundException e) {
            return Optional.empty();
        }
    }

    private static boolean taggedWith(DBInstance i, String execution) {
        List<Tag> tags = i.tagList();
        return tags != null && tags.stream().anyMatch(t -> EXECUTION_TAG.equals(t.key()) && execution.equals(t.value()));
    }
}
