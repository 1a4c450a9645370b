package io.dbrefresh.rds;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.rds.model.DBInstance;

import io.dbrefresh.execution.Observation;

/**
 * Gives the refreshed target the tags the old target had (owner, cost centre, environment...),
 * not the ones the restore copied from production, plus this project's markers saying when,
 * from what and by which execution it was refreshed.
 */
public final class TargetTags {

    private final RdsInstances instances;

    public TargetTags(RdsInstances instances) {
        this.instances = instances;
    }

    /** What the refresh marks on the refreshed target. Null values are left out. */
    public record Markers(String execution, Instant refreshedAt, String source, String restoreType, Instant alignedTo,
                          String snapshot) {
    }

    /**
     * @param desired the tags the target now carries
     * @param added   tags set (new or changed)
     * @param removed keys removed
     */
    public record Fix(Map<String, String> desired, Map<String, String> added, List<String> removed, String message) {
    }

    /**
     * The tags the refreshed target should carry: the old target's own tags (without earlier
     * markers of this project and without AWS's reserved ones), then {@link RefreshTags#MANAGED}
     * and the markers.
     */
    public static Map<String, String> desired(Map<String, String> oldTargetTags, Markers markers) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (oldTargetTags != null) {
            oldTargetTags.forEach((k, v) -> {
                if (!k.startsWith(RefreshTags.PREFIX) && !k.startsWith(RefreshTags.AWS_PREFIX)) {
                    tags.put(k, v);
                }
            });
        }
        // the refreshed target stays managed: the next refresh may stop, rename and delete it
        tags.put(RefreshTags.MANAGED, RefreshTags.MANAGED_VALUE);
        put(tags, RefreshTags.EXECUTION, markers.execution());
        put(tags, RefreshTags.REFRESHED_AT, markers.refreshedAt() == null ? null : markers.refreshedAt().toString());
        put(tags, RefreshTags.SOURCE, markers.source());
        put(tags, RefreshTags.RESTORE_TYPE, markers.restoreType());
        put(tags, RefreshTags.ALIGNED_TO, markers.alignedTo() == null ? null : markers.alignedTo().toString());
        put(tags, RefreshTags.SNAPSHOT, markers.snapshot());
        return tags;
    }

    /** Makes the target's tags exactly {@link #desired} (AWS's reserved tags aside). */
    public Fix apply(String target, Map<String, String> oldTargetTags, Markers markers) {
        DBInstance instance = instances.require(target, "refreshed target");
        String arn = instance.dbInstanceArn();
        Map<String, String> current = instances.tags(arn);
        String setBefore = current.get(RefreshTags.REFRESHED_AT);
        if (setBefore != null && markers.execution() != null && markers.execution().equals(current.get(RefreshTags.EXECUTION))
                && parses(setBefore)) {
            // a retried start of the same execution keeps the time it first set, so it changes nothing
            markers = new Markers(markers.execution(), Instant.parse(setBefore), markers.source(), markers.restoreType(),
                    markers.alignedTo(), markers.snapshot());
        }
        Map<String, String> desired = desired(oldTargetTags, markers);
        List<String> removed = extra(current, desired);
        Map<String, String> added = new LinkedHashMap<>();
        desired.forEach((k, v) -> {
            if (!v.equals(current.get(k))) {
                added.put(k, v);
            }
        });
        instances.removeTags(arn, removed);
        instances.addTags(arn, added);
        return new Fix(desired, added, removed, "tags of " + target + ": " + added.size() + " set, " + removed.size()
                + " removed" + (removed.isEmpty() ? "" : " (" + String.join(", ", removed) + ")"));
    }

    /** Done when the target carries exactly {@code desired}. */
    public Observation progress(String target, Map<String, String> desired) {
        DBInstance instance = instances.require(target, "refreshed target");
        Map<String, String> current = instances.tags(instance.dbInstanceArn());
        List<String> wrong = new ArrayList<>(extra(current, desired));
        desired.forEach((k, v) -> {
            if (!v.equals(current.get(k))) {
                wrong.add(k);
            }
        });
        return wrong.isEmpty()
                ? Observation.done("DB instance " + target + " carries its " + desired.size() + " tags: "
                        + String.join(", ", desired.keySet()))
                : Observation.inProgress("tags of " + target + " not yet as expected: " + String.join(", ", wrong));
    }

    private static boolean parses(String instant) {
        try {
            Instant.parse(instant);
            return true;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    private static List<String> extra(Map<String, String> current, Map<String, String> desired) {
        return current.keySet().stream()
                .filter(k -> !desired.containsKey(k) && !k.startsWith(RefreshTags.AWS_PREFIX))
                .toList();
    }

    private static void put(Map<String, String> tags, String key, String value) {
        if (value != null && !value.isBlank()) {
            tags.put(key, value);
        }
    }
}
