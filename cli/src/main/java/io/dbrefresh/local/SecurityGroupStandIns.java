package io.dbrefresh.local;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.dbrefresh.aws.AwsClients;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * The emulated account's security groups under the ids the refresh file names. A refresh file
 * names real groups ({@code sg-0a1b2c3d4e5f67890}), and moto gives every group it creates an id of
 * its own choosing: the emulated account therefore creates one group per named id, tagged
 * {@link #TAG} with that id ({@link EmulatedAccount}), and the handlers of a local run see those
 * groups through this interceptor under the id they stand in for, as the account the file was
 * written for holds them. A group the file names that the account does not stand in for stays
 * missing, as on AWS.
 */
public final class SecurityGroupStandIns implements ExecutionInterceptor {

    /** The tag that names the id a seeded group stands in for. */
    public static final String TAG = "dbrefresh:local-stands-in-for";

    private static final String GROUP_ID = "group-id";
    private static final ExecutionAttribute<DescribeSecurityGroupsRequest> ASKED = new ExecutionAttribute<>("dbrefresh.asked");

    private SecurityGroupStandIns() {
    }

    /** {@code aws} as a local run's handlers see it. */
    public static AwsClients over(AwsClients aws) {
        return aws.intercepting(new SecurityGroupStandIns());
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        if (!(context.request() instanceof DescribeSecurityGroupsRequest asked)) {
            return context.request();
        }
        attributes.putAttribute(ASKED, asked);
        // every group is listed: which of them answers for an id is decided on the way back
        return asked.toBuilder().groupIds((Collection<String>) null)
                .filters(asked.filters().stream().filter(f -> !GROUP_ID.equals(f.name())).toList()).build();
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        DescribeSecurityGroupsRequest asked = attributes.getAttribute(ASKED);
        if (asked == null || !(context.response() instanceof DescribeSecurityGroupsResponse response)) {
            return context.response();
        }
        Set<String> ids = new HashSet<>(asked.groupIds());
        asked.filters().stream().filter(f -> GROUP_ID.equals(f.name())).map(Filter::values).forEach(ids::addAll);
        List<SecurityGroup> seen = new ArrayList<>();
        for (SecurityGroup g : response.securityGroups()) {
            String id = g.tags().stream().filter(t -> TAG.equals(t.key())).map(Tag::value).findFirst().orElse(g.groupId());
            if (ids.isEmpty() || ids.contains(id)) {
                seen.add(g.toBuilder().groupId(id).build());
            }
        }
        return response.toBuilder().securityGroups(seen).build();
    }
}
