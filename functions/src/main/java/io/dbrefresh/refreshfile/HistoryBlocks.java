package io.dbrefresh.refreshfile;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads updatedynamodb and sendmsg, which record and announce the refresh. They repeat the
 * source and the restore type, which must agree with the restore block.
 */
final class HistoryBlocks {

    private static final Pattern TABLE = Pattern.compile("[A-Za-z0-9_.-]{3,255}");
    private static final Pattern TOPIC = Pattern.compile("arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?");

    /** One plain address: SES takes display names too, but a plain address is what IAM and the identity check compare. */
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
    private static final String AN_ADDRESS = "an e-mail address such as dba-team@example.com";
    private static final Pattern CONFIGURATION_SET = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private HistoryBlocks() {
    }

    static String tableName(Block b) {
        return b == null ? null : b.matching("tablename", TABLE, "a DynamoDB table name: 3 to 255 letters, digits, _ . or -");
    }

    static String topicArn(Block b) {
        return b == null ? null : b.matching("topicarn", TOPIC, "an SNS topic ARN, arn:aws:sns:<region>:<account>:<topic>");
    }

    /** sendmsg's email: who sends the report and to whom; null when absent or wrong (reported). */
    static EmailSpec email(Block b, Set<String> keys) {
        Block e = b == null ? null : b.nested("email", keys);
        if (e == null) {
            return null;
        }
        String from = e.matching("from", ADDRESS, AN_ADDRESS);
        e.require("from", "the sender, an address of an identity verified in Amazon SES");
        List<String> to = e.strings("to", ADDRESS, AN_ADDRESS);
        e.require("to", "the recipients, as [\"dba-team@example.com\"]");
        List<String> cc = e.strings("cc", ADDRESS, AN_ADDRESS);
        String set = e.matching("configurationset", CONFIGURATION_SET, "an SES configuration set name: up to 64 letters, digits, _ or -");
        int recipients = (to == null ? 0 : to.size()) + (cc == null ? 0 : cc.size());
        if (recipients > EmailSpec.MAX_RECIPIENTS) {
            e.error("to", "with cc names " + recipients + " recipients; SES sends to at most " + EmailSpec.MAX_RECIPIENTS
                    + " per message (use a distribution list)");
            return null;
        }
        if (from == null || to == null || (e.has("cc") && cc == null) || (e.has("configurationset") && set == null)) {
            return null;
        }
        return new EmailSpec(from, to, cc, set);
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
