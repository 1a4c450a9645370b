package io.dbrefresh.preflight;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.dbrefresh.rds.ClusterCopySettings;
import io.dbrefresh.rds.CopySettings;
import io.dbrefresh.rds.RdsInstances;
import io.dbrefresh.refreshfile.DbService;
import io.dbrefresh.refreshfile.Problem;
import io.dbrefresh.refreshfile.RestoreSpec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBSubnetGroup;
import software.amazon.awssdk.services.rds.model.DbClusterNotFoundException;
import software.amazon.awssdk.services.rds.model.DbSubnetGroupNotFoundException;

/**
 * The VPC security groups the copy will get (the file's {@code secgrpids}, else the old
 * target's) exist in this account and region, and are in the VPC of the copy's subnet group
 * (the file's {@code subgrp}, else the old target's): RDS refuses the restore otherwise, after
 * the replicas were deleted. The groups and the subnet group are the ones perform-restore will
 * send ({@link CopySettings}, {@link ClusterCopySettings}), read from the old target now.
 */
final class SecurityGroups {

    static final String PATH = "/restore/secgrpids";

    private final RdsClient rds;
    private final Ec2Client ec2;

    SecurityGroups(RdsClient rds, Ec2Client ec2) {
        this.rds = rds;
        this.ec2 = ec2;
    }

    void check(DbService service, RestoreSpec restore, List<Problem> problems) {
        if (ec2 == null) {
            return;
        }
        List<CopySettings.Setting> rows;
        List<String> groups;
        String subnetGroup;
        if (service == DbService.AURORA) {
            ClusterCopySettings settings = ClusterCopySettings.of(restore, oldCluster(restore.target()));
            rows = settings.rows();
            groups = settings.effective().securityGroupIds();
            subnetGroup = settings.effective().subnetGroup();
        } else {
            CopySettings settings = CopySettings.forTarget(restore, new RdsInstances(rds));
            rows = settings.rows();
            groups = settings.effective().securityGroupIds();
            subnetGroup = settings.effective().subnetGroup();
        }
        if (groups == null || groups.isEmpty()) {
            return;
        }
        String whose = rows.stream().filter(r -> PATH.equals(r.path())).findFirst()
                .filter(r -> r.origin() == CopySettings.Origin.OLD_TARGET)
                .map(r -> " (the old target " + restore.target() + "'s, which the copy inherits; name its groups in secgrpids)")
                .orElse("");
        Map<String, SecurityGroup> found;
        try {
            found = ec2.describeSecurityGroupsPaginator(r -> r.filters(f -> f.name("group-id").values(groups)))
                    .securityGroups().stream().collect(Collectors.toMap(SecurityGroup::groupId, Function.identity(), (a, b) -> a));
        } catch (SdkException e) {
            if (Offered.notOffered(e)) {
                return;
            }
            throw e;
        }
        List<String> missing = groups.stream().filter(g -> !found.containsKey(g)).toList();
        if (!missing.isEmpty()) {
            problems.add(new Problem(PATH, "security group" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing)
                    + " not found in this account and region" + whose));
        }
        Optional<DBSubnetGroup> subnets = subnetGroup == null ? Optional.empty() : subnetGroup(subnetGroup);
        subnets.filter(s -> s.vpcId() != null).ifPresent(s -> groups.stream().map(found::get)
                .filter(g -> g != null && g.vpcId() != null && !g.vpcId().equals(s.vpcId()))
                .forEach(g -> problems.add(new Problem(PATH, "security group " + g.groupId() + " is in " + g.vpcId()
                        + ", not in " + s.vpcId() + " of DB subnet group " + s.dbSubnetGroupName()
                        + ": RDS takes only groups of the subnet group's VPC" + whose))));
    }

    private Optional<DBCluster> oldCluster(String id) {
        try {
            return rds.describeDBClusters(r -> r.dbClusterIdentifier(id)).dbClusters().stream().findFirst();
        } catch (DbClusterNotFoundException e) {
            return Optional.empty();
        }
    }

    private Optional<DBSubnetGroup> subnetGroup(String name) {
        try {
            return rds.describeDBSubnetGroups(r -> r.dbSubnetGroupName(name)).dbSubnetGroups().stream().findFirst();
        } catch (DbSubnetGroupNotFoundException e) {
            // a missing subnet group is the subnet group check's finding, at its own path
            return Optional.empty();
        }
    }
}
