package io.dbrefresh.refreshfile;

/**
 * The facts every block is checked against: the restore block's service, restore type,
 * source and target, and (aurora) the writer instance named by createinstance. A fact the
 * file gets wrong is null here, so that rules depending on it stay silent.
 *
 * @param target   rds: the target instance; aurora: the target cluster
 * @param instance rds: the target instance; aurora: the writer instance of the target cluster
 * @param engine   the engine when the file names one (restore, createinstance, createreplicas), else null
 */
record Reference(DbService service, RestoreType restoreType, String source, String target, String instance, String engine) {

    static final Reference UNKNOWN = new Reference(null, null, null, null, null, null);

    String temp() {
        return target == null ? null : target + RdsIdentifier.TEMP_SUFFIX;
    }

    String tempInstance() {
        return instance == null ? null : instance + RdsIdentifier.TEMP_SUFFIX;
    }

    boolean aurora() {
        return service == DbService.AURORA;
    }

    boolean rds() {
        return service == DbService.RDS;
    }

    Reference withInstance(String writer) {
        return new Reference(service, restoreType, source, target, writer, engine);
    }

    Reference withEngine(String knownEngine) {
        return new Reference(service, restoreType, source, target, instance, knownEngine);
    }
}
