package io.dbrefresh.scripts;

import io.dbrefresh.execution.EndpointResolver;
import io.dbrefresh.execution.DatabaseEndpoint;

import java.util.Optional;

import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbClusterNotFoundException;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesRequest;

/** The endpoint RDS reports: a cluster's writer endpoint, or an instance's address. */
public final class RdsEndpointResolver implements EndpointResolver {

    private final RdsClient rds;

    public RdsEndpointResolver(RdsClient rds) {
        this.rds = rds;
    }

    @Override
    public Optional<DatabaseEndpoint> resolve(String instance, String cluster) {
        if (cluster != null) {
            try {
                DBCluster c = rds.describeDBClusters(DescribeDbClustersRequest.builder().dbClusterIdentifier(cluster).build()).dbClusters().get(0);
                if (c.endpoint() == null || c.port() == null) {
                    return Optional.empty();
                }
                return Optional.of(new DatabaseEndpoint(c.endpoint(), c.port(), c.databaseName(), c.masterUsername()));
            } catch (DbClusterNotFoundException e) {
                return Optional.empty();
            }
        }
        if (instance != null) {
            try {
                DBInstance i = rds.describeDBInstances(DescribeDbInstancesRequest.builder().dbInstanceIdentifier(instance).build()).dbInstances().get(0);
                if (i.endpoint() == null || i.endpoint().port() == null) {
                    return Optional.empty();
                }
                return Optional.of(new DatabaseEndpoint(i.endpoint().address(), i.endpoint().port(), i.dbName(),
                        i.masterUsername()));
            } catch (DbInstanceNotFoundException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
