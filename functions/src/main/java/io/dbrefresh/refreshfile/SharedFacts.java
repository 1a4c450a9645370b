package io.dbrefresh.refreshfile;

import java.util.List;

/**
 * The facts that several blocks repeat: the service, the application and the environment.
 * One file refreshes one database, so every block that names them names the same.
 */
final class SharedFacts {

    /** The blocks that may name the application and the environment, in the order they are trusted. */
    private static final List<StepId> LABELLED = List.of(
            StepId.PERFORM_RESTORE, StepId.CREATE_INSTANCE, StepId.CREATE_READ_REPLICAS, StepId.UPDATE_DYNAMODB, StepId.SEND_MSG);

    record Labels(String application, String environment) {
    }

    static boolean production(String environment) {
        return environment != null && RefreshPlan.PRODUCTION_ENVIRONMENTS.contains(environment.trim().toLowerCase(java.util.Locale.ROOT));
    }

    private SharedFacts() {
    }

    /** Every dbservice outside the restore block must be the restore block's; a block that names none inherits it. */
    static void checkService(Blocks blocks, DbService service) {
        for (StepId step : StepId.values()) {
            Block b = blocks.get(step);
            if (b == null) {
                continue;
            }
            for (Block where : new Block[] {b, b.check()}) {
                if (where == null || (step == StepId.PERFORM_RESTORE && where == b)) {
                    continue;
                }
                String given = where.choice("dbservice", RestoreBlock.SERVICES);
                if (given != null && service != null && !given.equals(service.json())) {
                    where.error("dbservice", "is " + given + " but /restore/dbservice is " + service.json()
                            + ": one file refreshes one kind of database (leave dbservice out to inherit it)");
                }
            }
        }
    }

    static Labels labels(Blocks blocks, boolean aurora) {
        return new Labels(agreed(blocks, "application", aurora), agreed(blocks, "environment", aurora));
    }

    private static String agreed(Blocks blocks, String key, boolean aurora) {
        String value = null;
        String from = null;
        for (StepId step : LABELLED) {
            Block b = blocks.get(step);
            if (b == null || (step == StepId.CREATE_INSTANCE && !aurora)) {
                continue;
            }
            String given = b.text(key);
            if (given == null) {
                continue;
            }
            if (value == null) {
                value = given;
                from = b.pathOf(key);
            } else if (!given.equals(value)) {
                b.error(key, "is \"" + given + "\" but " + from + " is \"" + value + "\": the file refreshes one database of one application and environment");
            }
        }
        return value;
    }
}
