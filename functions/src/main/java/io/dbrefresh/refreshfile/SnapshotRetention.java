package io.dbrefresh.refreshfile;

/**
 * How many of a target's final snapshots dbrefresh keeps ({@code delete.snapshotretention},
 * {@code deletecluster.snapshotretention}): a snapshot is kept while it is among the newest
 * {@code keep} or younger than {@code days} days, whichever keeps more; either may be absent
 * (null), not both. Only snapshots dbrefresh made are ever counted or removed, and the newest
 * one of a target is always kept.
 */
public record SnapshotRetention(Integer keep, Integer days) {

    public static final int MAX_KEEP = 100;
    public static final int MAX_DAYS = 3650;

    /** As the tag value on a final snapshot records it, e.g. {@code keep=2 days=30}. */
    public String text() {
        return ((keep == null ? "" : "keep=" + keep) + (days == null ? "" : " days=" + days)).trim();
    }

    /** The retention a tag value (see {@link #text}) records, or null when it records none. */
    public static SnapshotRetention parse(String text) {
        if (text == null) {
            return null;
        }
        Integer keep = null;
        Integer days = null;
        for (String part : text.trim().split("\\s+")) {
            String[] kv = part.split("=", 2);
            if (kv.length != 2 || !kv[1].matches("[0-9]{1,4}")) {
                return null;
            }
            switch (kv[0]) {
                case "keep" -> keep = Integer.valueOf(kv[1]);
                case "days" -> days = Integer.valueOf(kv[1]);
                default -> {
                    return null;
                }
            }
        }
        return keep == null && days == null ? null : new SnapshotRetention(keep, days);
    }
}
