package io.dbrefresh.rds;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import io.dbrefresh.execution.DatabaseNotFoundException;
import io.dbrefresh.refreshfile.RdsArn;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DbSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.DescribeDbSnapshotsRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbSnapshotsResponse;

/** Finds the snapshot a restore starts from, and names the final snapshot of a deleted target. */
public final class Snapshots {

    public static final String AVAILABLE = "available";
    private static final DateTimeFormatter FINAL_SUFFIX = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    private static final int MAX_SNAPSHOT_ID = 255;

    private final RdsInstances instances;

    public Snapshots(RdsInstances instances) {
        this.instances = instances;
    }

    /**
     * The snapshot {@code ref} names: a snapshot of this account by name, or by ARN a snapshot
     * of this account or one shared with it from another account.
     */
    public DBSnapshot resolve(String ref) {
        if (!RdsArn.isArn(ref)) {
            boolean automated = ref.startsWith("rds:");
            return list(r -> r.dbSnapshotIdentifier(ref).snapshotType(automated ? "automated" : null)).stream().findFirst()
                    .orElseThrow(() -> new DatabaseNotFoundException("DB snapshot " + ref + " not found"));
        }
        Optional<DBSnapshot> shared = list(r -> r.snapshotType("shared").includeShared(true)).stream()
                .filter(s -> ref.equalsIgnoreCase(s.dbSnapshotArn())).findFirst();
        if (shared.isPresent()) {
            return shared.get();
        }
        String name = RdsArn.resourceNameOf(ref);
        boolean automated = name.startsWith("rds:");
        return list(r -> r.dbSnapshotIdentifier(name).snapshotType(automated ? "automated" : null)).stream()
                .filter(s -> s.dbSnapshotArn() == null || ref.equalsIgnoreCase(s.dbSnapshotArn()))
                .findFirst()
                .orElseThrow(() -> new DatabaseNotFoundException("DB snapshot " + ref
                        + " not found in this account nor among the snapshots shared with it"));
    }

    /**
     * The newest {@code available} snapshot of {@code source} (manual or automated), by the time
     * its data was taken. A source given by ARN may live in another account: its snapshots
     * shared with this account are considered, and only those from that account.
     */
    public DBSnapshot newestOf(String source) {
        boolean arn = RdsArn.isArn(source);
        String name = arn ? RdsArn.resourceNameOf(source) : source;
        String account = arn ? RdsArn.accountOf(source) : null;
        return list(r -> r.dbInstanceIdentifier(name).includeShared(arn ? true : null)).stream()
                .filter(s -> AVAILABLE.equals(s.status()))
                .filter(s -> account == null || s.dbSnapshotArn() == null || account.equals(RdsArn.accountOf(s.dbSnapshotArn())))
                .filter(s -> dataTime(s) != null)
                .max(Comparator.comparing(Snapshots::dataTime))
                .orElseThrow(() -> new DatabaseNotFoundException("no available DB snapshot of " + source + " found"));
    }

    /**
     * When the snapshot's data was taken: for a copy (a snapshot shared from another account
     * usually is one) the original snapshot's time, not the time of the copy.
     */
    public static Instant dataTime(DBSnapshot snapshot) {
        return snapshot.originalSnapshotCreateTime() != null ? snapshot.originalSnapshotCreateTime() : snapshot.snapshotCreateTime();
    }

    /**
     * The final snapshot name of a deleted target, {@code <target>-final-<yyyyMMddHHmmss>} (UTC),
     * so the snapshots of one target sort by time and are found by prefix.
     */
    public static String finalSnapshotName(String target, Instant at) {
        String suffix = "-final-" + FINAL_SUFFIX.format(at);
        String base = target.length() + suffix.length() > MAX_SNAPSHOT_ID ? target.substring(0, MAX_SNAPSHOT_ID - suffix.length()) : target;
        return base + suffix;
    }

    private List<DBSnapshot> list(Consumer<DescribeDbSnapshotsRequest.Builder> filter) {
        RdsClient rds = instances.client();
        List<DBSnapshot> all = new ArrayList<>();
        String marker = null;
        do {
            DescribeDbSnapshotsRequest.Builder request = DescribeDbSnapshotsRequest.builder();
            filter.accept(request);
            DescribeDbSnapshotsResponse response;
            try {
                response = rds.describeDBSnapshots(request.marker(marker).build());
            } catch (DbSnapshotNotFoundException e) {
                return List.of();
            }
            all.addAll(response.dbSnapshots());
            marker = response.marker();
        } while (marker != null && !marker.isEmpty());
        return all;
    }
}
