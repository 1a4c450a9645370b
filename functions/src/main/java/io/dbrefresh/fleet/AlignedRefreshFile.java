package io.dbrefresh.fleet;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.refreshfile.RefreshFileResult;
import io.dbrefresh.refreshfile.RefreshFiles;
import io.dbrefresh.refreshfile.RestoreType;

/**
 * A refresh file rewritten to restore to a fleet's common time: a point-in-time refresh
 * (latestpoint or restorepoint) becomes restorepoint at that time; a snapshot refresh names
 * the snapshot chosen for it. Everything else stays as the file says.
 */
public final class AlignedRefreshFile {

    private AlignedRefreshFile() {
    }

    /**
     * @param snapshot for a snapshot refresh, the snapshot to restore (newest at or before {@code time}); else ignored
     */
    public static AlignedMember align(FleetMember member, Instant time, String snapshot, Instant snapshotTime, Clock clock) {
        RestoreType type = member.plan().restore().restoreType();
        ObjectNode root;
        try {
            root = (ObjectNode) Json.MAPPER.readTree(member.json());
        } catch (IOException e) {
            throw new IllegalStateException("a validated refresh file is JSON: " + member.file(), e);
        }
        ObjectNode restore = (ObjectNode) root.get("restore");
        if (type == RestoreType.FROM_SNAPSHOT) {
            restore.put("snapshot", snapshot);
        } else {
            String previous = restore.path("restoretype").asText();
            // the seed format repeats restoretype in later blocks, and the reader checks them against restore's
            for (Iterator<Map.Entry<String, JsonNode>> blocks = root.fields(); blocks.hasNext(); ) {
                JsonNode block = blocks.next().getValue();
                if (block instanceof ObjectNode o && previous.equals(o.path("restoretype").asText(null))) {
                    o.put("restoretype", RestoreType.RESTORE_POINT.json());
                }
            }
            restore.put("restoretime", time.toString());
        }
        String json;
        try {
            json = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        RefreshFileResult read = RefreshFiles.read(json, clock);
        if (!read.valid()) {
            throw new AlignmentException(member.file() + " aligned to " + time + " is not valid: " + read.errors());
        }
        return new AlignedMember(member, json, read.plan(), type == RestoreType.FROM_SNAPSHOT ? snapshotTime : time,
                type == RestoreType.FROM_SNAPSHOT ? snapshot : null);
    }
}
