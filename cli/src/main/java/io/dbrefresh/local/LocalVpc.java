package io.dbrefresh.local;

import java.util.Comparator;
import java.util.List;

import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Vpc;

/**
 * The one VPC the emulated account puts every DB subnet group it seeds in, as the non-production
 * databases of an account usually share one: made on first use, found again by its tag. One VPC
 * for all is what lets a security group that two refresh files name (one id is in one VPC on AWS)
 * stand in for both files of a fleet.
 */
final class LocalVpc {

    /** The tag that marks the emulated account's VPC. */
    static final String TAG = "dbrefresh:local-vpc";

    private LocalVpc() {
    }

    /** The ids of the VPC's two subnets, in us-east-1a and us-east-1b, the VPC made first if the account lacks it. */
    static List<String> subnets(Ec2Client ec2) {
        List<Vpc> found = ec2.describeVpcs(b -> b.filters(f -> f.name("tag:" + TAG).values("true"))).vpcs();
        if (!found.isEmpty()) {
            String vpc = found.get(0).vpcId();
            return ec2.describeSubnets(b -> b.filters(f -> f.name("vpc-id").values(vpc))).subnets().stream()
                    .sorted(Comparator.comparing(Subnet::availabilityZone)).map(Subnet::subnetId).toList();
        }
        String vpc = ec2.createVpc(b -> b.cidrBlock("10.20.0.0/16")).vpc().vpcId();
        ec2.createTags(b -> b.resources(vpc).tags(t -> t.key(TAG).value("true")));
        String a = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.20.1.0/24").availabilityZone("us-east-1a")).subnet().subnetId();
        String c = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.20.2.0/24").availabilityZone("us-east-1b")).subnet().subnetId();
        return List.of(a, c);
    }
}
