package io.dbrefresh.local;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.rds.RdsClient;

/**
 * The DB subnet and parameter groups a refresh file names, as the emulated account seeds them
 * for instances and clusters alike: each once per account (a fleet's files share them), the
 * subnet groups in the one local VPC, AWS's own {@code default.} parameter groups left alone.
 */
final class SeededGroups {

    private static final String DESCRIPTION = "dbrefresh local run";

    private SeededGroups() {
    }

    /** The names that are set, each once, in order. */
    static List<String> named(String... names) {
        List<String> out = new ArrayList<>();
        for (String name : names) {
            if (name != null && !name.isBlank() && !out.contains(name)) {
                out.add(name);
            }
        }
        return out;
    }

    /**
     * Creates the DB subnet groups of {@code names} not seeded before.
     *
     * @param first   true the first time a thing is seeded in the account
     * @param created told what was made, in a line each
     */
    static void subnetGroups(RdsClient rds, Ec2Client ec2, List<String> names, Predicate<String> first, List<String> created) {
        List<String> fresh = names.stream().filter(g -> first.test("subnet group " + g)).toList();
        if (fresh.isEmpty()) {
            return;
        }
        List<String> subnets = LocalVpc.subnets(ec2);
        for (String g : fresh) {
            rds.createDBSubnetGroup(b -> b.dbSubnetGroupName(g).dbSubnetGroupDescription(DESCRIPTION).subnetIds(subnets));
            created.add("DB subnet group " + g);
        }
    }

    /** Creates the DB parameter groups of {@code names}, of {@code family}, not seeded before (see {@link #subnetGroups}). */
    static void parameterGroups(RdsClient rds, String family, List<String> names, Predicate<String> first, List<String> created) {
        for (String g : names) {
            if (first.test("parameter group " + g) && !g.startsWith("default.")) {
                rds.createDBParameterGroup(b -> b.dbParameterGroupName(g).dbParameterGroupFamily(family).description(DESCRIPTION));
                created.add("DB parameter group " + g);
            }
        }
    }
}
