package io.dbrefresh.refreshfile;

import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Reads updatedynamodb and sendmsg, which record and announce the refresh. They repeat the
 * source and the restore type, which must agree with the restore block.
 */
final class HistoryBlocks {

    private static final Pattern TABLE = Pattern.compile("[A-Za-z0-9_.-]{3,255}");
    private static final Pattern TOPIC = Pattern.compile("arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?");

    private HistoryBlocks() {
    }

    static String tableName(Block b) {
        return b == null ? null : b.matching("tablename", TABLE, "a DynamoDB table name: 3 to 255 letters, digits, _ . or -");
    }

    static String topicArn(Block b) {
        return b == null ? null : b.matching("topicarn", TOPIC, "an SNS topic ARN, arn:aws:sns:<region>:<account>:<topic>");
    }

    static void checkRepeatedFacts(Block b, Reference ref) {
        if (b == null) {
            return;
        }
        String source = b.text("source");
        // aurora: the original recorded the source writer's name here, which the file does not otherwise give
        if (source != null && ref.rds() && ref.source() != null && !RdsIdentifier.same(source, ref.source())) {
            b.error("source", "contradicts /restore/source: must be \"" + ref.source() + "\", found \"" + source + "\"");
        }
        String type = b.choice("restoretype", Arrays.stream(RestoreType.values()).map(RestoreType::json).toList());
        if (type != null && ref.restoreType() != null && !type.equals(ref.restoreType().json())) {
            b.error("restoretype", "contradicts /restore/restoretype: must be \"" + ref.restoreType().json() + "\", found \"" + type + "\"");
        }
    }
}
