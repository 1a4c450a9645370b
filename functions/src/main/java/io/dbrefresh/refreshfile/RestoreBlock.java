package io.dbrefresh.refreshfile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the restore block: the service, source and target every other block is checked
 * against, and how the new copy is made.
 */
final class RestoreBlock {

    // the values and shapes the schema also checks are read from it, so they are stated once
    static final List<String> SERVICES = RefreshFileSchema.allowed("/$defs/dbservice");
    static final List<String> ENGINES = RefreshFileSchema.allowed("/$defs/engine");
    static final Pattern DB_CLASS = RefreshFileSchema.pattern("/$defs/dbclass");
    static final String DB_CLASS_SHAPE = "an instance class such as db.t3.micro or db.r6g.large";
    static final Pattern KMS_KEY = RefreshFileSchema.pattern("/$defs/kmsKey");
    static final String KMS_KEY_SHAPE = "a KMS key id, alias/<name>, or a key or alias ARN";

    private static final Pattern SECURITY_GROUP = Pattern.compile("sg-[0-9a-f]{8}([0-9a-f]{9})?");
    private static final Pattern LOG_TYPE = Pattern.compile("[a-z-]+");
    private static final Pattern OPTION_GROUP = Pattern.compile("[A-Za-z](?!.*--)[A-Za-z0-9-]{0,254}(?<!-)");
    private static final Pattern DB_NAME = RefreshFileSchema.pattern("/$defs/restore/properties/dbname");
    private static final Pattern ENGINE_VERSION = RefreshFileSchema.pattern("/$defs/restore/properties/engineversion");
    private static final List<String> STORAGE_TYPES = RefreshFileSchema.allowed("/$defs/restore/properties/storagetype");
    private static final List<String> PROVISIONED_IOPS_STORAGE = List.of("io1", "io2", "gp3");
    private static final int MAX_BACKTRACK_SECONDS = 72 * 3600;
    private static final Duration MAX_BACKUP_RETENTION = Duration.ofDays(35);

    record Restored(RestoreSpec spec, Reference reference) {
    }

    private RestoreBlock() {
    }

    static Restored read(Block b, Clock clock, Problems problems) {
        return read(b, clock, problems, Set.of());
    }

    /** @param sourceAccountKeys the keys of {@code sourceaccount}, from the schema */
    static Restored read(Block b, Clock clock, Problems problems, Set<String> sourceAccountKeys) {
        if (b == null) {
            problems.error("/restore", "missing: the restore block names the service, the source and the target of the refresh");
            return new Restored(null, Reference.UNKNOWN);
        }
        b.require("dbservice", "rds or aurora; the restore block's dbservice is the one every block follows");
        b.require("restoretype", "latestpoint, restorepoint, fromsnapshot or fastcloning");
        String serviceName = b.choice("dbservice", SERVICES);
        DbService service = serviceName == null ? null : DbService.fromJson(serviceName);
        String typeName = b.choice("restoretype", Arrays.stream(RestoreType.values()).map(RestoreType::json).toList());
        RestoreType type = typeName == null ? null : RestoreType.fromJson(typeName);
        if (type == RestoreType.FAST_CLONING && service == DbService.RDS) {
            b.error("restoretype", "fastcloning is an Aurora clone and needs dbservice aurora; an rds instance can use latestpoint, restorepoint or fromsnapshot");
            type = null;
        }

        boolean aurora = service == DbService.AURORA;
        String sourceKey = aurora ? "sourcecluster" : "source";
        String targetKey = aurora ? "targetcluster" : "target";
        String what = aurora ? "cluster" : "instance";
        String source = null;
        String target = null;
        if (service != null) {
            b.require(sourceKey, "the production " + what + " to copy");
            b.require(targetKey, "the non-production " + what + " to refresh");
            source = source(b, sourceKey, type, aurora);
            target = target(b, targetKey, sourceKey, source);
        }

        Instant restoreTime = restoreTime(b, type, clock);
        String snapshot = snapshot(b, type, aurora);
        SourceAccount sourceAccount = sourceAccount(b, sourceAccountKeys, type, sourceKey, source, snapshot);
        // across accounts the target restores the shared copy, an ARN of the source account
        boolean byArn = sourceAccount != null || source != null && RdsArn.isArn(source);
        byArn |= snapshot != null && RdsArn.isArn(snapshot);
        Boolean encrypted = b.bool("encrypted");
        String kmsKeyId = b.matching("kmskeyid", KMS_KEY, KMS_KEY_SHAPE);
        if (byArn && Boolean.TRUE.equals(encrypted) && !b.has("kmskeyid")) {
            b.error("kmskeyid", "missing: an encrypted source or snapshot given by ARN (another account's) needs a KMS key of this account to re-encrypt the copy");
        }
        kmsRegion(b, kmsKeyId, snapshot != null && RdsArn.isArn(snapshot) ? snapshot : source,
                snapshot != null && RdsArn.isArn(snapshot) ? "snapshot" : sourceKey);

        String storageType = b.choice("storagetype", STORAGE_TYPES);
        Integer iops = b.number("iops", 1000, 256_000);
        if (iops != null && storageType != null && !PROVISIONED_IOPS_STORAGE.contains(storageType)) {
            b.error("iops", "applies only with storagetype io1, io2 or gp3; /restore/storagetype is " + storageType);
        }
        String engine = engine(b, service);
        Integer backtrack = b.number("backtrack", 0, MAX_BACKTRACK_SECONDS);
        if (backtrack != null && engine != null && !engine.equals("aurora-mysql")) {
            b.error("backtrack", "applies to aurora-mysql only; /restore/engine is " + engine);
        }
        if (b.has("engineversion") && type != null && type != RestoreType.FROM_SNAPSHOT) {
            b.error("engineversion", "applies only to restoretype fromsnapshot: a point-in-time restore or clone keeps the source's version");
        }

        RestoreSpec spec = new RestoreSpec(
                type,
                source,
                target,
                target == null ? null : target + RdsIdentifier.TEMP_SUFFIX,
                restoreTime,
                snapshot,
                kmsKeyId,
                b.number("port", 1150, 65535),
                b.text("subgrp"),
                b.bool("iamdbauth"),
                logTypes(b),
                b.bool("copytagstosnap"),
                b.bool("deletionprotection"),
                securityGroups(b),
                b.bool("multiaz"),
                b.matching("dbname", DB_NAME, "a database name: a letter, then up to 62 letters, digits or underscores"),
                b.matching("dbclass", DB_CLASS, DB_CLASS_SHAPE),
                b.bool("autominor"),
                storageType,
                iops,
                b.text("dbparamgrp"),
                b.text("cluparamgrp"),
                engine,
                b.matching("engineversion", ENGINE_VERSION, "an engine version such as 15.4 or 8.0.mysql_aurora.3.05.2"),
                backtrack == null ? null : backtrack.longValue(),
                encrypted,
                b.bool("keeptemponfailure", false),
                b.matching("optgrp", OPTION_GROUP, "an option group name: a letter, then letters, digits or hyphens"),
                b.choice("licensemodel", EngineRules.LICENSE_MODELS),
                sourceAccount);
        return new Restored(spec, new Reference(service, type, source, target, aurora ? null : target, engine));
    }

    private static String source(Block b, String key, RestoreType type, boolean aurora) {
        String source = b.text(key);
        if (source == null) {
            return null;
        }
        if (!RdsArn.isArn(source)) {
            String problem = RdsIdentifier.problem(source);
            if (problem != null) {
                b.error(key, problem + ", or an RDS ARN with fromsnapshot" + (aurora ? " or fastcloning" : ""));
                return null;
            }
            return RdsIdentifier.normal(source);
        }
        String arnType = aurora ? RdsArn.CLUSTER : RdsArn.DB;
        RdsArn arn = RdsArn.parse(source);
        if (arn == null || !arn.type().equals(arnType)) {
            b.error(key, "must be an identifier or an ARN of the form " + RdsArn.shape(arnType) + "; found \"" + source + "\"");
            return null;
        }
        if (type != null && type != RestoreType.FROM_SNAPSHOT && type != RestoreType.FAST_CLONING) {
            b.error(key, "an ARN is allowed only with restoretype fromsnapshot or fastcloning: a point-in-time restore ("
                    + type.json() + ") needs the identifier of a source in this account");
            return null;
        }
        // every part of an RDS ARN is lower case (partition, region, digits, type, identifier)
        return RdsIdentifier.normal(source);
    }

    /**
     * restore's sourceaccount: the account id, and the role to assume there (the source-account
     * stack's unless named). The source, and a snapshot given by ARN, must be of that account.
     */
    private static SourceAccount sourceAccount(Block b, Set<String> keys, RestoreType type, String sourceKey, String source,
                                               String snapshot) {
        Block a = b.nested("sourceaccount", keys);
        if (a == null) {
            return null;
        }
        a.require("accountid", "the 12-digit id of the account the source lives in");
        String account = a.matching("accountid", SourceAccount.ACCOUNT, "a 12-digit AWS account id");
        String role = a.matching("rolearn", SourceAccount.ROLE_ARN, "an IAM role ARN, arn:aws:iam::<account>:role/<name>");
        if (account == null || a.has("rolearn") && role == null) {
            return null;
        }
        boolean fine = true;
        if (role != null && !account.equals(SourceAccount.accountOf(role))) {
            a.error("rolearn", "is a role of account " + SourceAccount.accountOf(role) + ", not of /restore/sourceaccount/accountid ("
                    + account + "): the role to assume is the source account's");
            fine = false;
        }
        if (source != null && RdsArn.isArn(source) && !account.equals(RdsArn.accountOf(source))) {
            b.error(sourceKey, "is in account " + RdsArn.accountOf(source) + ", not in /restore/sourceaccount/accountid (" + account
                    + "); give the source's identifier in the source account");
            fine = false;
        }
        if (snapshot != null && RdsArn.isArn(snapshot) && !account.equals(RdsArn.accountOf(snapshot))) {
            b.error("snapshot", "is in account " + RdsArn.accountOf(snapshot) + ", not in /restore/sourceaccount/accountid ("
                    + account + "); give the snapshot's name in the source account");
            fine = false;
        }
        return fine ? new SourceAccount(account, role == null ? SourceAccount.defaultRole(account) : role) : null;
    }

    private static String target(Block b, String key, String sourceKey, String source) {
        String target = b.identifier(key);
        if (target == null) {
            return null;
        }
        String sourceName = source == null ? null : RdsArn.nameOf(source);
        if (RdsIdentifier.same(target, sourceName)) {
            b.error(key, "is the same as /restore/" + sourceKey + " (\"" + source + "\")"
                    + (RdsArn.isArn(source) ? ", whose ARN names the target" : "") + ": a refresh never writes over its source");
            return null;
        }
        String temp = target + RdsIdentifier.TEMP_SUFFIX;
        if (RdsIdentifier.same(temp, sourceName)) {
            b.error(sourceKey, "is the target's temporary name (\"" + temp + "\"): the restore creates that name and the"
                    + " cleanup of a failed run deletes it; the source must be another database");
            return null;
        }
        if (temp.length() > RdsIdentifier.MAX_LENGTH) {
            b.error(key, "is too long: the restore first creates \"" + temp + "\" (" + temp.length()
                    + " characters, at most " + RdsIdentifier.MAX_LENGTH + "), so a target has at most "
                    + (RdsIdentifier.MAX_LENGTH - RdsIdentifier.TEMP_SUFFIX.length()) + " characters");
            return null;
        }
        return target;
    }

    /** A KMS key is regional: RDS cannot use a key of another region than the snapshot it restores. */
    private static void kmsRegion(Block b, String kmsKeyId, String copied, String copiedKey) {
        if (kmsKeyId == null || !kmsKeyId.startsWith("arn:") || copied == null || !RdsArn.isArn(copied)) {
            return;
        }
        String keyRegion = RdsArn.regionOf(kmsKeyId);
        String copiedRegion = RdsArn.regionOf(copied);
        if (keyRegion != null && copiedRegion != null && !keyRegion.equals(copiedRegion)) {
            b.error("kmskeyid", "is a key of region " + keyRegion + " but /restore/" + copiedKey + " is in " + copiedRegion
                    + ": a KMS key works only in its own region; give a key of " + copiedRegion);
        }
    }

    private static Instant restoreTime(Block b, RestoreType type, Clock clock) {
        if (type != null && type != RestoreType.RESTORE_POINT) {
            b.reject("restoretime", "applies only to restoretype restorepoint; this file's restoretype is " + type.json());
            return null;
        }
        if (type == RestoreType.RESTORE_POINT) {
            b.require("restoretime", "restorepoint restores to this time, e.g. 2026-11-20T03:00:00Z");
        }
        String text = b.text("restoretime");
        if (text == null) {
            return null;
        }
        Instant time;
        try {
            time = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            b.error("restoretime", "must be an RFC 3339 time with a zone or offset, such as 2026-11-20T03:00:00Z; found \"" + text + "\"");
            return null;
        }
        Instant now = clock.instant();
        if (time.isAfter(now)) {
            b.error("restoretime", "is in the future (" + text + "; now is " + now.truncatedTo(ChronoUnit.SECONDS)
                    + "): a database can be restored only to a time that has passed");
            return null;
        }
        if (time.isBefore(now.minus(MAX_BACKUP_RETENTION))) {
            // a warning, not an error: a file kept for months should still validate; the DBA moves the time before each run
            b.warning("restoretime", "is more than 35 days ago: point-in-time recovery reaches back at most 35 days (the longest"
                    + " backup retention), so the restore will fail unless the time is within the source's retention");
        }
        return time;
    }

    private static String snapshot(Block b, RestoreType type, boolean aurora) {
        if (type != null && type != RestoreType.FROM_SNAPSHOT) {
            b.reject("snapshot", "applies only to restoretype fromsnapshot; this file's restoretype is " + type.json());
            return null;
        }
        String snapshot = b.text("snapshot");
        if (snapshot == null) {
            return null;
        }
        if (RdsArn.isArn(snapshot)) {
            String arnType = aurora ? RdsArn.CLUSTER_SNAPSHOT : RdsArn.SNAPSHOT;
            RdsArn arn = RdsArn.parse(snapshot);
            if (arn == null || !arn.type().equals(arnType)) {
                b.error("snapshot", "must be a snapshot name or an ARN of the form " + RdsArn.shape(arnType) + "; found \"" + snapshot + "\"");
                return null;
            }
            return snapshot;
        }
        String problem = RdsIdentifier.snapshotProblem(snapshot);
        if (problem != null) {
            b.error("snapshot", problem);
            return null;
        }
        return RdsIdentifier.normal(snapshot);
    }

    private static String engine(Block b, DbService service) {
        String engine = b.choice("engine", ENGINES);
        if (engine != null && service == DbService.AURORA && !engine.startsWith("aurora-")) {
            b.error("engine", "must be aurora-mysql or aurora-postgresql for dbservice aurora; found \"" + engine + "\""
                    + (EngineRules.isSqlServer(engine) || EngineRules.isOracle(engine)
                    ? ": there is no Aurora edition of SQL Server or Oracle, refresh it with dbservice rds" : ""));
            return null;
        }
        if (engine != null && service == DbService.RDS && engine.startsWith("aurora-")) {
            b.error("engine", "is an Aurora engine but dbservice is rds; use dbservice aurora, or the instance's engine ("
                    + String.join(", ", ENGINES.stream().filter(e -> !e.startsWith("aurora-")).toList()) + ")");
            return null;
        }
        return engine;
    }

    private static List<String> logTypes(Block b) {
        return listOf(b, "cwalogs", LOG_TYPE,
                "must be log type names separated by commas, such as \"audit,error,general,slowquery\" or \"postgresql\"");
    }

    private static List<String> securityGroups(Block b) {
        return listOf(b, "secgrpids", SECURITY_GROUP, "must be security group ids (sg- and 8 or 17 hexadecimal digits) separated by commas");
    }

    /** The comma-separated list at {@code key} when every item matches {@code item}; else null, and the first that does not is reported. */
    private static List<String> listOf(Block b, String key, Pattern item, String must) {
        List<String> items = b.list(key);
        if (items == null) {
            return null;
        }
        for (String i : items) {
            if (!item.matcher(i).matches()) {
                b.error(key, must + "; found \"" + i + "\"");
                return null;
            }
        }
        return items;
    }
}
