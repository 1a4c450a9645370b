package io.dbrefresh.secrets;

import java.time.Clock;

import io.dbrefresh.aws.AwsClients;
import io.dbrefresh.execution.StepEnvironment;
import software.amazon.awssdk.services.rds.RdsClient;

/** The refreshed databases the password tests work on, created in moto as the restore and rename steps leave them. */
final class Seeds {

    /** What production's admin password was: the restored copy starts with it. */
    static final String PRODUCTION_PASSWORD = "Production-Pass-1";

    private Seeds() {
    }

    static StepEnvironment env(AwsClients aws) {
        return new StepEnvironment(aws, Clock.systemUTC(), 0, null, null);
    }

    static void instance(RdsClient rds, String id) {
        rds.createDBInstance(b -> b.dbInstanceIdentifier(id).engine("mysql").dbInstanceClass("db.t3.medium")
                .masterUsername("admin").masterUserPassword(PRODUCTION_PASSWORD).allocatedStorage(20).dbName("shop"));
    }

    static void cluster(RdsClient rds, String id) {
        rds.createDBCluster(b -> b.dbClusterIdentifier(id).engine("aurora-mysql").masterUsername("admin")
                .masterUserPassword(PRODUCTION_PASSWORD).databaseName("shop"));
        rds.createDBInstance(b -> b.dbInstanceIdentifier(id + "-1").dbClusterIdentifier(id).engine("aurora-mysql")
                .dbInstanceClass("db.r6g.large"));
    }
}
