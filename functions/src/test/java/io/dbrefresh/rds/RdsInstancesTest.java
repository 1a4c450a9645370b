package io.dbrefresh.rds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;

class RdsInstancesTest {

    private final RdsClient rds = RdsStubs.rds();
    private final RdsInstances instances = new RdsInstances(rds);

    @Test
    void find_withoutIdentifier_findsNothingRatherThanTheFirstInstanceListed() {
        doReturn(DescribeDbInstancesResponse.builder().dbInstances(RdsStubs.instance("prod", "available").build()).build())
                .when(rds).describeDBInstances(any(DescribeDbInstancesRequest.class));

        assertThat(instances.find(null)).isEmpty();
        assertThat(instances.find(" ")).isEmpty();
        verify(rds, never()).describeDBInstances(any(DescribeDbInstancesRequest.class));
    }

    @Test
    void find_unknownIdentifier_isEmpty() {
        assertThat(instances.find("nope")).isEmpty();
    }
}
