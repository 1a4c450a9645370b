package io.dbrefresh.refreshfile;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What RDS for SQL Server and RDS for Oracle cannot do, checked against the file's engine
 * ({@code /restore/engine}, else the engine of runscripts or createreplicas) before anything
 * runs, each refusal naming the field. The facts are RDS's documented limits as of this
 * writing (docs/engines.md lists them); they were checked against the documentation, not
 * against a live account.
 */
final class EngineRules {

    static final List<String> LICENSE_MODELS = RefreshFileSchema.allowed("/$defs/restore/properties/licensemodel");
    static final List<String> REPLICA_MODES = RefreshFileSchema.allowed("/$defs/createreplicas/properties/replicamode");

    /** Graviton classes (a g after the generation: db.r6g, db.m7g, db.t4g, db.x2g, db.r6gd) run MySQL, MariaDB and PostgreSQL only. */
    private static final Pattern GRAVITON = Pattern.compile("db\\.[a-z]+[0-9]+[a-z]*g[a-z]*\\..+");
    private static final Pattern ORACLE_DB_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,7}");
    /** Ports RDS for SQL Server refuses: SQL Server and Windows services use them. */
    private static final Set<Integer> SQLSERVER_RESERVED_PORTS = Set.of(1234, 1434, 3260, 3343, 3389, 47001,
            49152, 49153, 49154, 49155, 49156);
    private static final Map<String, Set<String>> LOG_TYPES = Map.of(
            "sqlserver", Set.of("agent", "error"),
            "oracle", Set.of("alert", "audit", "listener", "trace", "oemagent"));
    /** RDS allows at most five read replicas of a SQL Server or Oracle instance. */
    static final int MAX_REPLICAS = 5;

    private EngineRules() {
    }

    static boolean isSqlServer(String engine) {
        return engine != null && engine.startsWith("sqlserver-");
    }

    static boolean isOracle(String engine) {
        return engine != null && engine.startsWith("oracle-");
    }

    /** The engine the rules apply to: the restore block's, else a SQL Server or Oracle engine named by another block. */
    static String engineOf(Blocks blocks, Reference ref) {
        if (ref.engine() != null) {
            return ref.engine();
        }
        for (StepId step : new StepId[] {StepId.RUN_SCRIPTS, StepId.CREATE_READ_REPLICAS}) {
            Block b = blocks.get(step);
            if (b != null && b.usable("engine")) {
                String e = b.text("engine");
                if (isSqlServer(e) || isOracle(e)) {
                    return e;
                }
            }
        }
        return null;
    }

    static void check(Blocks blocks, Map<StepId, PlannedStep> steps, Reference ref, RestoreSpec restore, ReplicaSpec replicas) {
        Block r = blocks.get(StepId.PERFORM_RESTORE);
        if (r == null || restore == null || !ref.rds()) {
            return;
        }
        String engine = engineOf(blocks, ref);
        licenseModel(r, engine, restore.licenseModel());
        replicaMode(blocks.get(StepId.CREATE_READ_REPLICAS), engine, replicas);
        boolean sqlServer = isSqlServer(engine);
        boolean oracle = isOracle(engine);
        if (!sqlServer && !oracle) {
            return;
        }
        String family = sqlServer ? "sqlserver" : "oracle";
        String name = sqlServer ? "RDS for SQL Server" : "RDS for Oracle";
        if (Boolean.TRUE.equals(restore.iamAuth())) {
            r.error("iamdbauth", "must not be true for " + engine + ": IAM database authentication is for MySQL, MariaDB"
                    + " and PostgreSQL only; " + name + " logs in with the master user's password (or Kerberos)");
        }
        if (Boolean.TRUE.equals(restore.multiAz()) && (engine.equals("sqlserver-ex") || engine.equals("sqlserver-web"))) {
            r.error("multiaz", "must not be true for " + engine + ": SQL Server Multi-AZ (Database Mirroring or Always On"
                    + " availability groups) needs Standard or Enterprise Edition");
        }
        logTypes(r, family, engine, restore.cloudwatchLogsExports());
        instanceClass(r, "dbclass", engine, restore.dbClass());
        if (restore.dbName() != null) {
            if (sqlServer) {
                r.error("dbname", "must not be set for " + engine + ": RDS for SQL Server has no database name at the"
                        + " instance level; the copy keeps the snapshot's databases (scripts choose one with USE)");
            } else if (!ORACLE_DB_NAME.matcher(restore.dbName()).matches()) {
                r.error("dbname", "must be an Oracle DB name (the SID): a letter, then at most 7 letters or digits; found \""
                        + restore.dbName() + "\"");
            }
        }
        if (sqlServer && restore.port() != null && SQLSERVER_RESERVED_PORTS.contains(restore.port())) {
            r.error("port", "must not be " + restore.port() + " for " + engine + ": RDS for SQL Server refuses 1234, 1434,"
                    + " 3260, 3343, 3389, 47001 and 49152 to 49156");
        }
        replicas(blocks, steps, r, engine, restore, replicas);
    }

    private static void licenseModel(Block r, String engine, String model) {
        if (model == null) {
            return;
        }
        if (engine == null) {
            r.error("licensemodel", "needs /restore/engine: the license models allowed depend on the engine"
                    + " (sqlserver-*: license-included; oracle-ee: bring-your-own-license; oracle-se2: either)");
        } else if (!isSqlServer(engine) && !isOracle(engine)) {
            r.error("licensemodel", "applies to SQL Server and Oracle only; /restore/engine is " + engine
                    + ", whose license model RDS sets itself");
        } else if (isSqlServer(engine) && !model.equals("license-included")) {
            r.error("licensemodel", "must be license-included for " + engine + ": RDS for SQL Server is sold with the"
                    + " license included only");
        } else if (engine.startsWith("oracle-ee") && !model.equals("bring-your-own-license")) {
            r.error("licensemodel", "must be bring-your-own-license for " + engine + ": RDS offers Oracle Enterprise"
                    + " Edition only with your own license");
        }
    }

    private static void replicaMode(Block create, String engine, ReplicaSpec replicas) {
        if (create == null || replicas == null || replicas.replicaMode() == null) {
            return;
        }
        if (engine == null || !engine.startsWith("oracle-ee")) {
            create.error("replicamode", "applies to Oracle Enterprise Edition replicas only (open-read-only for Active Data"
                    + " Guard, mounted for a standby); " + (engine == null ? "name the engine in /restore/engine"
                    : "this file's engine is " + engine));
        }
    }

    private static void logTypes(Block r, String family, String engine, List<String> types) {
        if (types == null) {
            return;
        }
        Set<String> allowed = LOG_TYPES.get(family);
        for (String t : types) {
            if (!allowed.contains(t)) {
                r.error("cwalogs", "has \"" + t + "\", which " + engine + " does not export; its log types are "
                        + String.join(", ", allowed.stream().sorted().toList()));
                return;
            }
        }
    }

    private static void instanceClass(Block b, String key, String engine, String dbClass) {
        String problem = classProblem(engine, dbClass);
        if (problem != null) {
            b.error(key, problem);
        }
    }

    /** Why {@code engine} cannot run on {@code dbClass}, or null. */
    static String classProblem(String engine, String dbClass) {
        if (dbClass == null) {
            return null;
        }
        if (GRAVITON.matcher(dbClass).matches()) {
            return "is " + dbClass + ", a Graviton (ARM) class, which runs MySQL, MariaDB and PostgreSQL only, not "
                    + engine + "; use an x86 class such as " + (isSqlServer(engine) ? "db.m5.xlarge" : "db.m5.large");
        }
        String size = dbClass.substring(dbClass.lastIndexOf('.') + 1);
        if ((engine.equals("sqlserver-ee") || engine.equals("sqlserver-se")) && (size.equals("micro") || size.equals("small"))) {
            return "is " + dbClass + ", too small for " + engine + ": Standard and Enterprise Edition start at"
                    + " medium-sized classes (micro and small are for Express and Web)";
        }
        if (engine.equals("sqlserver-ex") && !(size.equals("micro") || size.equals("small") || size.equals("medium")
                || size.equals("large") || size.equals("xlarge"))) {
            return "is " + dbClass + ", too large for sqlserver-ex: Express Edition uses at most 4 cores, and RDS offers"
                    + " it up to xlarge classes";
        }
        return null;
    }

    private static void replicas(Blocks blocks, Map<StepId, PlannedStep> steps, Block r, String engine, RestoreSpec restore,
                                 ReplicaSpec replicas) {
        Block create = blocks.get(StepId.CREATE_READ_REPLICAS);
        if (create == null || !steps.get(StepId.CREATE_READ_REPLICAS).run()) {
            return;
        }
        String where = create.has("replicas") ? "replicas" : "torun";
        boolean supported = engine.equals("sqlserver-ee") || engine.startsWith("oracle-ee");
        if (!supported) {
            create.error(where, engine + " has no read replicas on RDS (SQL Server: Enterprise Edition only; Oracle:"
                    + " Enterprise Edition only, with Active Data Guard): set torun to false");
            return;
        }
        if (engine.equals("sqlserver-ee") && !Boolean.TRUE.equals(restore.multiAz())) {
            r.error("multiaz", "must be true: createreplicas runs, and SQL Server read replicas need a Multi-AZ primary"
                    + " (Always On availability groups)");
        }
        if (replicas != null && replicas.replicas() != null) {
            if (replicas.replicas().size() > MAX_REPLICAS) {
                create.error("replicas", "names " + replicas.replicas().size() + " replicas; " + engine + " allows at most "
                        + MAX_REPLICAS + " read replicas per instance");
            }
            for (Replica replica : replicas.replicas()) {
                String problem = classProblem(engine, replica.dbClass());
                if (problem != null) {
                    create.error("replicas", "replica " + replica.name() + " " + problem);
                    break;
                }
            }
        }
    }
}
