package io.dbrefresh.preflight;

import java.util.ArrayList;
import java.util.List;

import io.dbrefresh.refreshfile.Problem;
import io.dbrefresh.refreshfile.RefreshPlan;
import io.dbrefresh.refreshfile.ScriptsSpec;
import io.dbrefresh.refreshfile.StepId;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.DescribeInstanceInformationRequest;
import software.amazon.awssdk.services.ssm.model.DescribeInstanceInformationResponse;
import software.amazon.awssdk.services.ssm.model.InstanceInformation;
import software.amazon.awssdk.services.ssm.model.InstanceInformationStringFilter;
import software.amazon.awssdk.services.ssm.model.PingStatus;

/**
 * The EC2 instance that runs the scripts ({@code method: ec2}) is managed by Systems Manager and
 * online, as runscripts finds it: by id, or the first online managed instance with the tag.
 */
final class ScriptHost {

    private final SsmClient ssm;

    ScriptHost(SsmClient ssm) {
        this.ssm = ssm;
    }

    void check(RefreshPlan plan, List<Problem> problems) {
        ScriptsSpec scripts = plan.scripts();
        if (ssm == null || !plan.runs(StepId.RUN_SCRIPTS) || scripts == null || !"ec2".equalsIgnoreCase(scripts.method())) {
            return;
        }
        if (scripts.ec2InstanceId() != null && !scripts.ec2InstanceId().isBlank()) {
            String id = scripts.ec2InstanceId();
            List<InstanceInformation> found = managed(InstanceInformationStringFilter.builder().key("InstanceIds").values(id).build());
            if (found == null) {
                return;
            }
            if (found.isEmpty()) {
                problems.add(new Problem("/runscripts/ec2instanceid", "EC2 instance " + id + " is not managed by Systems Manager in"
                        + " this account and region (no SSM agent registered, or it lacks the instance profile)"));
            } else if (found.get(0).pingStatus() != PingStatus.ONLINE) {
                problems.add(new Problem("/runscripts/ec2instanceid", "EC2 instance " + id + " is " + found.get(0).pingStatusAsString()
                        + " in Systems Manager, not Online: a command sent to it would not run"));
            }
            return;
        }
        String tag = scripts.ec2InstanceTag();
        int eq = tag == null ? -1 : tag.indexOf('=');
        if (eq <= 0) {
            return; // the file's own validation names the malformed tag
        }
        List<InstanceInformation> found = managed(InstanceInformationStringFilter.builder().key("tag:" + tag.substring(0, eq))
                .values(tag.substring(eq + 1)).build());
        if (found != null && found.stream().noneMatch(i -> i.pingStatus() == PingStatus.ONLINE)) {
            problems.add(new Problem("/runscripts/ec2instancetag", "no online instance managed by Systems Manager is tagged " + tag
                    + (found.isEmpty() ? "" : " (" + found.size() + " tagged, none Online)")));
        }
    }

    /** The managed instances the filter selects; null when the endpoint does not offer the call. */
    private List<InstanceInformation> managed(InstanceInformationStringFilter filter) {
        try {
            List<InstanceInformation> all = new ArrayList<>();
            String token = null;
            do {
                DescribeInstanceInformationResponse page = ssm.describeInstanceInformation(DescribeInstanceInformationRequest.builder()
                        .filters(filter).nextToken(token).build());
                all.addAll(page.instanceInformationList());
                token = page.nextToken();
            } while (token != null && !token.isEmpty());
            return all;
        } catch (SdkException e) {
            if (Offered.notOffered(e)) {
                return null;
            }
            throw e;
        }
    }
}
