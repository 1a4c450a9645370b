package io.dbrefresh.preflight;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import io.dbrefresh.refreshfile.DbService;
import io.dbrefresh.refreshfile.InstanceSpec;
import io.dbrefresh.refreshfile.Problem;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.Replica;
import io.dbrefresh.refreshfile.RestoreSpec;
import io.dbrefresh.refreshfile.StepId;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBEngineVersion;
import software.amazon.awssdk.services.rds.model.DbClusterParameterGroupNotFoundException;
import software.amazon.awssdk.services.rds.model.DbParameterGroupNotFoundException;
import software.amazon.awssdk.services.rds.model.DescribeDbClusterParameterGroupsRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbEngineVersionsRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbParameterGroupsRequest;
import software.amazon.awssdk.services.rds.model.DescribeOptionGroupsRequest;
import software.amazon.awssdk.services.rds.model.DescribeOrderableDbInstanceOptionsRequest;
import software.amazon.awssdk.services.rds.model.OptionGroup;
import software.amazon.awssdk.services.rds.model.OptionGroupNotFoundException;
import software.amazon.awssdk.services.rds.model.OrderableDBInstanceOption;

/**
 * What the engine and version the copy will run allow: the file's instance class is orderable
 * for them in the region (with the file's storage type), and the groups the file names were
 * made for them (a parameter group's family, an option group's engine and major version). A
 * mismatch is refused by RDS only at the restore or the create, after the account was changed.
 */
final class EngineFacts {

    /** The engine and version of the source, snapshot or cluster the copy is made from. */
    record Engine(String engine, String version) {
        static Optional<Engine> of(String engine, String version) {
            return engine == null || engine.isBlank() ? Optional.empty() : Optional.of(new Engine(engine, version));
        }

        String describe() {
            return version == null ? engine : engine + " " + version;
        }
    }

    private static final int CLASSES_SHOWN = 8;

    private final RdsClient rds;

    EngineFacts(RdsClient rds) {
        this.rds = rds;
    }

    void check(RefreshPlan plan, Engine source, List<Problem> problems) {
        RestoreSpec restore = plan.restore();
        Engine engine = restore.engineVersion() != null ? new Engine(source.engine(), restore.engineVersion()) : source;
        if (plan.service() == DbService.AURORA) {
            InstanceSpec writer = plan.createInstance();
            if (plan.runs(StepId.CREATE_INSTANCE) && writer != null && writer.dbClass() != null) {
                checkOrderable("/createinstance/dbclass", "", engine, writer.dbClass(), null, problems);
            }
        } else if (restore.dbClass() != null) {
            checkOrderable("/restore/dbclass", "", engine, restore.dbClass(), restore.storageType(), problems);
        }
        checkReplicaClasses(plan, engine, problems);
        checkOptionGroup(restore.optionGroup(), engine, problems);
        Optional<String> family = family(engine);
        if (family.isEmpty()) {
            return;
        }
        checkFamily("/restore/dbparamgrp", "DB parameter group", restore.dbParameterGroup(), family.get(),
                () -> dbParameterGroupFamily(restore.dbParameterGroup()), problems);
        if (plan.service() == DbService.AURORA && plan.createInstance() != null && plan.runs(StepId.CREATE_INSTANCE)) {
            String writerGroup = plan.createInstance().dbParameterGroup();
            checkFamily("/createinstance/dbparamgrp", "DB parameter group", writerGroup, family.get(),
                    () -> dbParameterGroupFamily(writerGroup), problems);
        }
        checkFamily("/restore/cluparamgrp", "DB cluster parameter group", restore.clusterParameterGroup(), family.get(),
                () -> clusterParameterGroupFamily(restore.clusterParameterGroup()), problems);
    }

    /**
     * The classes of the read replicas (rds) or readers (aurora) the file lists: they run the copy's
     * engine and version, and create-read-replicas would be refused after the swap otherwise.
     */
    private void checkReplicaClasses(RefreshPlan plan, Engine engine, List<Problem> problems) {
        if (!plan.runs(StepId.CREATE_READ_REPLICAS) || plan.replicas() == null || plan.replicas().replicas() == null) {
            return;
        }
        String kind = plan.service() == DbService.AURORA ? "reader " : "read replica ";
        for (Replica replica : plan.replicas().replicas()) {
            if (replica.dbClass() != null) {
                checkOrderable("/createreplicas/replicas", kind + replica.name() + ": ", engine, replica.dbClass(), null, problems);
            }
        }
    }

    private void checkOrderable(String path, String whose, Engine engine, String dbClass, String storageType, List<Problem> problems) {
        List<OrderableDBInstanceOption> forClass = rds.describeOrderableDBInstanceOptions(DescribeOrderableDbInstanceOptionsRequest
                .builder().engine(engine.engine()).engineVersion(engine.version()).dbInstanceClass(dbClass).vpc(true).build())
                .orderableDBInstanceOptions().stream().filter(o -> dbClass.equalsIgnoreCase(o.dbInstanceClass())).toList();
        if (forClass.isEmpty()) {
            List<String> orderable = rds.describeOrderableDBInstanceOptions(DescribeOrderableDbInstanceOptionsRequest.builder()
                            .engine(engine.engine()).engineVersion(engine.version()).vpc(true).build())
                    .orderableDBInstanceOptions().stream().map(OrderableDBInstanceOption::dbInstanceClass).distinct().sorted().toList();
            // a region that lists nothing for the engine and version says nothing about the class
            if (!orderable.isEmpty()) {
                problems.add(new Problem(path, whose + "instance class " + dbClass + " is not orderable for " + engine.describe()
                        + " in this region; orderable classes include " + String.join(", ",
                        orderable.subList(0, Math.min(CLASSES_SHOWN, orderable.size())))));
            }
            return;
        }
        if (storageType != null && forClass.stream().noneMatch(o -> storageType.equalsIgnoreCase(o.storageType()))) {
            problems.add(new Problem("/restore/storagetype", "storage type " + storageType + " is not orderable with " + dbClass
                    + " for " + engine.describe() + "; orderable: " + String.join(", ",
                    forClass.stream().map(OrderableDBInstanceOption::storageType).distinct().sorted().toList())));
        }
    }

    /** An option group is made for one engine and major version (mysql 8.0, oracle-ee 19, postgres 16). */
    private void checkOptionGroup(String name, Engine engine, List<Problem> problems) {
        if (name == null) {
            return;
        }
        Optional<OptionGroup> group;
        try {
            group = rds.describeOptionGroups(DescribeOptionGroupsRequest.builder().optionGroupName(name).build())
                    .optionGroupsList().stream().findFirst();
        } catch (OptionGroupNotFoundException e) {
            return; // named as missing by the groups' own check
        }
        group.ifPresent(g -> {
            boolean engineFits = g.engineName() == null || g.engineName().equalsIgnoreCase(engine.engine());
            boolean versionFits = g.majorEngineVersion() == null || engine.version() == null
                    || engine.version().equals(g.majorEngineVersion()) || engine.version().startsWith(g.majorEngineVersion() + ".");
            if (!engineFits || !versionFits) {
                problems.add(new Problem("/restore/optgrp", "option group " + name + " is for " + g.engineName() + " "
                        + g.majorEngineVersion() + ", not for " + engine.describe()));
            }
        });
    }

    private void checkFamily(String path, String kind, String name, String family, Supplier<Optional<String>> groupFamily,
                             List<Problem> problems) {
        if (name == null) {
            return;
        }
        groupFamily.get().filter(f -> !f.equalsIgnoreCase(family)).ifPresent(f -> problems.add(new Problem(path,
                kind + " " + name + " is of family " + f + ", not " + family + " as the engine version needs")));
    }

    /** The parameter group family of the engine version, as RDS names it; empty when the endpoint cannot say. */
    private Optional<String> family(Engine engine) {
        if (engine.version() == null) {
            return Optional.empty();
        }
        try {
            return rds.describeDBEngineVersions(DescribeDbEngineVersionsRequest.builder().engine(engine.engine())
                            .engineVersion(engine.version()).build())
                    .dbEngineVersions().stream().map(DBEngineVersion::dbParameterGroupFamily).filter(f -> f != null).findFirst();
        } catch (SdkException e) {
            if (Offered.notOffered(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private Optional<String> dbParameterGroupFamily(String name) {
        try {
            return rds.describeDBParameterGroups(DescribeDbParameterGroupsRequest.builder().dbParameterGroupName(name).build())
                    .dbParameterGroups().stream().map(g -> g.dbParameterGroupFamily()).filter(f -> f != null).findFirst();
        } catch (DbParameterGroupNotFoundException e) {
            return Optional.empty();
        }
    }

    private Optional<String> clusterParameterGroupFamily(String name) {
        try {
            return rds.describeDBClusterParameterGroups(DescribeDbClusterParameterGroupsRequest.builder()
                            .dbClusterParameterGroupName(name).build())
                    .dbClusterParameterGroups().stream().map(g -> g.dbParameterGroupFamily()).filter(f -> f != null).findFirst();
        } catch (DbClusterParameterGroupNotFoundException e) {
            return Optional.empty();
        }
    }
}
