package io.dbrefresh.refreshfile;

import java.util.Map;

/**
 * Which steps and which keys belong to one service only. A key of the other service is an
 * error, never silently ignored: a DBA who writes {@code multiaz} on an Aurora file expects
 * something that would not happen.
 */
final class ServiceScope {

    private record Scope(DbService service, String hint) {
    }

    private static Scope rds(String hint) {
        return new Scope(DbService.RDS, hint);
    }

    private static Scope aurora(String hint) {
        return new Scope(DbService.AURORA, hint);
    }

    // a check names the database as its block does, so the block and its check share one list
    private static final Map<String, Scope> DELETE_REPLICAS = Map.of(
            "dbinstance", rds("aurora names the cluster in cluster"),
            "cluster", aurora("rds names the instance in dbinstance"));
    private static final Map<String, Scope> FIX_TAGS = Map.of(
            "cluster", aurora("an rds file tags the instance only"),
            "cluarn", aurora("an rds file tags the instance only"));
    private static final Map<String, Scope> CHANGE_MASTER_PASSWORD = Map.of(
            "dbinstance", rds("aurora's master password belongs to the cluster: name it in cluster"),
            "cluster", aurora("rds names the instance in dbinstance"));

    private static final Map<String, Map<String, Scope>> KEYS = Map.ofEntries(
            Map.entry("restore", Map.ofEntries(
                    Map.entry("source", rds("aurora names the source cluster in sourcecluster")),
                    Map.entry("target", rds("aurora names the target cluster in targetcluster")),
                    Map.entry("multiaz", rds("an Aurora cluster's availability comes from its instances")),
                    Map.entry("storagetype", rds("Aurora storage is not chosen per cluster here")),
                    Map.entry("iops", rds("Aurora storage is not provisioned by IOPS here")),
                    Map.entry("dbclass", rds("aurora sets the instance class in createinstance")),
                    Map.entry("autominor", rds("aurora sets it in createinstance")),
                    Map.entry("dbparamgrp", rds("aurora sets the cluster's group in cluparamgrp and the instance's in createinstance")),
                    Map.entry("dbname", rds("an Aurora restore keeps the source's databases")),
                    Map.entry("optgrp", rds("an Aurora cluster takes no option group here")),
                    Map.entry("licensemodel", rds("Aurora has no license model to choose")),
                    Map.entry("sourcecluster", aurora("rds names the source instance in source")),
                    Map.entry("targetcluster", aurora("rds names the target instance in target")),
                    Map.entry("cluparamgrp", aurora("rds uses dbparamgrp")),
                    Map.entry("engineversion", aurora("an rds restore keeps the source's engine version")),
                    Map.entry("backtrack", aurora("backtracking is an Aurora MySQL feature")))),
            Map.entry("restore.check", Map.of(
                    "dbinstance", rds("aurora names the restored cluster in cluster"),
                    "cluster", aurora("rds names the restored instance in dbinstance"))),
            Map.entry("deletereplicas", DELETE_REPLICAS),
            Map.entry("deletereplicas.check", DELETE_REPLICAS),
            Map.entry("delete", Map.of(
                    "finalsnapshot", rds("for aurora the final snapshot is taken of the cluster: set it on deletecluster"),
                    "liftdeletionprotection", rds("for aurora deletion protection is a cluster setting: set it on deletecluster"),
                    "graceperiod", rds("for aurora the old cluster is kept with its instances: set it on deletecluster"),
                    "snapshotretention", rds("for aurora the final snapshots are the cluster's: set it on deletecluster"))),
            Map.entry("fixtags", FIX_TAGS),
            Map.entry("fixtags.check", FIX_TAGS),
            Map.entry("createreplicas", Map.of("cluster", aurora("rds replicas are made from the instance in dbinstance"),
                    "replicamode", rds("Aurora readers have no replica mode"))),
            Map.entry("changemasterpwd", CHANGE_MASTER_PASSWORD),
            Map.entry("changemasterpwd.check", CHANGE_MASTER_PASSWORD),
            Map.entry("rotatemasterpwd", Map.of("cluster", aurora("rds names the instance in dbinstance"))),
            Map.entry("runscripts", Map.of("cluster", aurora("rds scripts connect to the instance in dbinstance"))));

    private ServiceScope() {
    }

    /** False for the steps that do not exist for a service: rds has no cluster steps, aurora clusters are not stopped. */
    static boolean applies(StepId step, DbService service) {
        if (service == null) {
            return true;
        }
        return switch (step) {
            case CREATE_INSTANCE, DELETE_OLD_CLUSTER, RENAME_CLUSTER -> service == DbService.AURORA;
            case STOP_OLD_DATABASE -> service == DbService.RDS;
            default -> true;
        };
    }

    /** The one service a key of a block (or of a block's check, {@code "restore.check"}) belongs to; null when both have it. */
    static DbService onlyFor(String block, String key) {
        Map<String, Scope> scopes = KEYS.get(block);
        Scope scope = scopes == null ? null : scopes.get(key);
        return scope == null ? null : scope.service();
    }

    /** Reports the keys that belong to the other service, in every block of a step this service has. */
    static void check(Blocks blocks, DbService service) {
        if (service == null) {
            return;
        }
        for (StepId step : StepId.values()) {
            Block block = blocks.get(step);
            if (block == null || !applies(step, service)) {
                continue;
            }
            check(block, KEYS.get(step.block()), service);
            if (block.check() != null) {
                check(block.check(), KEYS.get(step.block() + ".check"), service);
            }
        }
    }

    private static void check(Block block, Map<String, Scope> scopes, DbService service) {
        if (scopes == null) {
            return;
        }
        scopes.forEach((key, scope) -> {
            if (scope.service() != service) {
                block.reject(key, "applies to " + scope.service().json() + " only and this file's dbservice is "
                        + service.json() + ": " + scope.hint());
            }
        });
    }
}
