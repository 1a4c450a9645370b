package io.dbrefresh.refreshfile;

import java.util.List;
import java.util.regex.Pattern;

/** Reads runscripts: SQL scripts from S3 run against the refreshed target. */
final class RunScriptsBlock {

    static final List<String> ENGINES = RefreshFileSchema.allowed("/$defs/runscripts/properties/engine");
    private static final List<String> RDS_ENGINES = ENGINES.stream().filter(e -> !e.startsWith("aurora-")).toList();
    private static final List<String> ACCESS = RefreshFileSchema.allowed("/$defs/runscripts/properties/access");
    private static final List<String> METHODS = RefreshFileSchema.allowed("/$defs/runscripts/properties/method");
    private static final Pattern BUCKET = RefreshFileSchema.pattern("/$defs/runscripts/properties/bucketname");
    private static final Pattern EC2_INSTANCE = RefreshFileSchema.pattern("/$defs/runscripts/properties/ec2instanceid");
    private static final Pattern TAG = RefreshFileSchema.pattern("/$defs/runscripts/properties/ec2instancetag");

    private RunScriptsBlock() {
    }

    static ScriptsSpec read(Block b, boolean runs, Reference ref, boolean mysqlFamily) {
        if (b == null) {
            return null;
        }
        if (runs) {
            b.require("engine", "the SQL dialect of the scripts: " + String.join(", ", ENGINES));
            b.require("bucketname", "the S3 bucket that holds the scripts");
            b.require("prefix", "the S3 folder of the scripts");
            b.require("keys", "the script file names, comma separated, in the order they run");
        }
        String engine = engine(b, ref);
        String access = b.has("access") ? b.choice("access", ACCESS) : "secret";
        String method = b.has("method") ? b.choice("method", METHODS) : "lambda";

        String secretName = b.text("secretname");
        String password = PasswordBlocks.legacyPassword(b, "temppwd", mysqlFamily);
        if ("pwd".equals(access)) {
            if (runs) {
                b.require("temppwd", "access pwd logs in with the password given here");
            }
            b.reject("secretname", "applies only to access secret; this block has access pwd");
        } else if ("secret".equals(access)) {
            if (runs) {
                b.require("secretname", "access secret logs in with the credentials of this secret");
            }
            b.reject("temppwd", "applies only to access pwd; this block has access secret");
        }

        String instanceId = b.matching("ec2instanceid", EC2_INSTANCE, "an EC2 instance id, i- and 8 or 17 hexadecimal digits");
        String instanceTag = b.matching("ec2instancetag", TAG, "a tag as Key=Value");
        if ("ec2".equals(method)) {
            if (runs && !b.has("ec2instanceid") && !b.has("ec2instancetag")) {
                b.error("ec2instanceid", "missing: method ec2 needs the instance that runs the scripts, by ec2instanceid or by ec2instancetag (Key=Value)");
            }
            if (b.has("ec2instanceid") && b.has("ec2instancetag")) {
                b.error("ec2instancetag", "give ec2instanceid or ec2instancetag, not both: they would name the instance twice");
            }
        } else if ("lambda".equals(method)) {
            b.reject("ec2instanceid", "applies only to method ec2; this block has method lambda");
            b.reject("ec2instancetag", "applies only to method ec2; this block has method lambda");
        }

        String bucket = b.matching("bucketname", BUCKET, "an S3 bucket name: 3 to 63 lower-case letters, digits, dots or hyphens");
        String prefix = b.text("prefix");
        if (prefix != null && prefix.startsWith("/")) {
            b.error("prefix", "must not start with /: S3 keys are relative to the bucket, as in \"sqlscripts/mysqlinstd\"");
            prefix = null;
        }
        List<String> keys = b.list("keys");

        Block check = b.check();
        if (check != null) {
            sameAs(check, "bucketname", b, bucket);
            sameAs(check, "prefix", b, prefix);
        }
        return new ScriptsSpec(
                engine,
                ref.aurora() ? ref.instance() : ref.target(),
                ref.aurora() ? ref.target() : null,
                access,
                secretName,
                password,
                method,
                bucket,
                prefix,
                keys,
                instanceId,
                instanceTag,
                b.bool("continueonerror", false),
                b.bool("singletransaction", false));
    }

    private static String engine(Block b, Reference ref) {
        String engine = b.text("engine");
        if (engine == null) {
            return null;
        }
        if (engine.startsWith("db2")) {
            b.error("engine", engine + " is not supported: runscripts runs scripts on " + String.join(", ", ENGINES));
            return null;
        }
        engine = b.choice("engine", ENGINES);
        if (engine == null || ref.service() == null) {
            return engine;
        }
        boolean auroraEngine = engine.startsWith("aurora-");
        if (auroraEngine != ref.aurora()) {
            b.error("engine", "is " + engine + ", which is not an engine of dbservice " + ref.service().json() + "; use "
                    + (ref.aurora() ? "aurora-mysql or aurora-postgresql" : String.join(", ", RDS_ENGINES)));
            return null;
        }
        if (ref.engine() != null && !engine.equals(ref.engine())) {
            b.error("engine", "is " + engine + " but the file's engine is " + ref.engine() + ": the scripts run on the target's engine");
            return null;
        }
        return engine;
    }

    private static void sameAs(Block check, String key, Block b, String expected) {
        String given = check.text(key);
        if (given != null && expected != null && !given.equals(expected)) {
            check.error(key, "is \"" + given + "\" but " + b.pathOf(key) + " is \"" + expected + "\": the check watches the same place");
        }
    }
}
