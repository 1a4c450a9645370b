package io.dbrefresh.rds;

import static io.dbrefresh.rds.RdsStubs.arn;
import static io.dbrefresh.rds.RdsStubs.instance;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.Mockito;

import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.AddTagsToResourceRequest;
import software.amazon.awssdk.services.rds.model.RemoveTagsFromResourceRequest;

import io.dbrefresh.execution.Progress;

class TargetTagsTest {

    private static final Instant NOW = Instant.parse("2024-05-01T11:00:00Z");
    private static final Instant ALIGNED = Instant.parse("2024-05-01T10:15:00Z");
    private static final TargetTags.Markers MARKERS = new TargetTags.Markers("refresh-qa-42", NOW, "prod", "latestpoint", ALIGNED, null);

    private final RdsClient rds = RdsStubs.rds();
    private final TargetTags tags = new TargetTags(new RdsInstances(rds));

    @Test
    void apply_givesBackTheOldTargetsTagsAndRemovesWhatCameFromProduction() {
        RdsStubs.describes(rds, instance("qa", "available").build());
        RdsStubs.tags(rds, arn("qa"), Map.of("env", "prod", "owner", "dba", "pci", "in-scope",
                "dbrefresh:execution", "refresh-qa-42", "aws:cloudformation:stack-name", "prod-db"));

        TargetTags.Fix fix = tags.apply("qa", Map.of("env", "qa", "owner", "qa-team", "dbrefresh:stopped-by", "refresh-qa-42"), MARKERS);

        ArgumentCaptor<RemoveTagsFromResourceRequest> removed = ArgumentCaptor.forClass(RemoveTagsFromResourceRequest.class);
        Mockito.verify(rds).removeTagsFromResource(removed.capture());
        assertThat(removed.getValue().resourceName()).isEqualTo(arn("qa"));
        assertThat(removed.getValue().tagKeys()).as("production-only tag; AWS's own tags are left alone").containsExactly("pci");
        ArgumentCaptor<AddTagsToResourceRequest> added = ArgumentCaptor.forClass(AddTagsToResourceRequest.class);
        Mockito.verify(rds).addTagsToResource(added.capture());
        assertThat(RefreshTags.fromSdk(added.getValue().tags())).containsExactlyInAnyOrderEntriesOf(Map.of(
                "env", "qa", "owner", "qa-team", "dbrefresh:managed", "true",
                "dbrefresh:refreshed-at", NOW.toString(), "dbrefresh:source", "prod",
                "dbrefresh:restore-type", "latestpoint", "dbrefresh:aligned-to", ALIGNED.toString()));
        assertThat(fix.desired()).doesNotContainKey("dbrefresh:stopped-by").containsEntry("dbrefresh:execution", "refresh-qa-42");
    }

    @Test
    void progress_doneOnlyWhenTheTargetCarriesExactlyTheDesiredTags() {
        Map<String, String> desired = TargetTags.desired(Map.of("owner", "qa-team"), MARKERS);
        RdsStubs.describes(rds, instance("qa", "available").build());
        RdsStubs.tags(rds, arn("qa"), Map.of("owner", "qa-team", "pci", "in-scope"));

        assertThat(tags.progress("qa", desired).progress()).isEqualTo(Progress.IN_PROGRESS);

        RdsStubs.tags(rds, arn("qa"), desired);
        assertThat(tags.progress("qa", desired).progress()).isEqualTo(Progress.DONE);
    }

    @Test
    void progress_done_listsTheTagsTheTargetNowCarries() {
        Map<String, String> desired = TargetTags.desired(Map.of("owner", "qa-team"), MARKERS);
        RdsStubs.describes(rds, instance("qa", "available").build());
        RdsStubs.tags(rds, arn("qa"), desired);

        String message = tags.progress("qa", desired).message();

        assertThat(message).contains(desired.size() + " tags: ").contains("owner").contains("dbrefresh:execution");
        desired.keySet().forEach(key -> assertThat(message).contains(key));
    }
}
