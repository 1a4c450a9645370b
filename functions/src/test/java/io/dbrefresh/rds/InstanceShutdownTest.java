package io.dbrefresh.rds;

import static io.dbrefresh.rds.RdsStubs.arn;
import static io.dbrefresh.rds.RdsStubs.instance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.AddTagsToResourceRequest;
import software.amazon.awssdk.services.rds.model.StopDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.Tag;

import io.dbrefresh.execution.Progress;

class InstanceShutdownTest {

    private static final String EXECUTION = "refresh-qa-42";

    private final RdsClient rds = RdsStubs.rds();
    private final InstanceShutdown shutdown = new InstanceShutdown(new RdsInstances(rds));

    @Test
    void stop_availableInstance_marksItAsStoppedByThisExecutionThenStopsIt() {
        RdsStubs.describes(rds, instance("qa", "available").build());

        InstanceShutdown.Stop stop = shutdown.stop("qa", EXECUTION);

        ArgumentCaptor<StopDbInstanceRequest> request = ArgumentCaptor.forClass(StopDbInstanceRequest.class);
        verify(rds).stopDBInstance(request.capture());
        assertThat(request.getValue().dbInstanceIdentifier()).isEqualTo("qa");
        ArgumentCaptor<AddTagsToResourceRequest> tag = ArgumentCaptor.forClass(AddTagsToResourceRequest.class);
        verify(rds).addTagsToResource(tag.capture());
        assertThat(tag.getValue().resourceName()).isEqualTo(arn("qa"));
        assertThat(tag.getValue().tags()).containsExactly(Tag.builder().key("dbrefresh:stopped-by").value(EXECUTION).build());
        assertThat(stop.stoppedHere()).isTrue();
    }

    @Test
    void stop_alreadyStopped_skipsAndSaysThisExecutionDidNotStopIt() {
        RdsStubs.describes(rds, instance("qa", "stopped").build());

        InstanceShutdown.Stop stop = shutdown.stop("qa", EXECUTION);

        verify(rds, never()).stopDBInstance(any(StopDbInstanceRequest.class));
        assertThat(stop.stoppedHere()).isFalse();
        assertThat(stop.message()).contains("already stopped");
    }

    @Test
    void stop_retriedAfterThisExecutionStoppedIt_stillSaysItStoppedIt() {
        RdsStubs.describes(rds, instance("qa", "stopping").build());
        RdsStubs.tags(rds, arn("qa"), Map.of("dbrefresh:stopped-by", EXECUTION));

        InstanceShutdown.Stop stop = shutdown.stop("qa", EXECUTION);

        verify(rds, never()).stopDBInstance(any(StopDbInstanceRequest.class));
        assertThat(stop.stoppedHere()).isTrue();
    }

    @Test
    void stop_absent_skipsCleanly() {
        InstanceShutdown.Stop stop = shutdown.stop("qa", EXECUTION);

        verify(rds, never()).stopDBInstance(any(StopDbInstanceRequest.class));
        assertThat(stop.found()).isFalse();
        assertThat(stop.message()).contains("absent");
    }

    @Test
    void progress_doneWhenStoppedOrAbsent() {
        RdsStubs.describes(rds, instance("qa", "stopping").build(), instance("qa", "stopped").build());

        assertThat(shutdown.progress("qa").progress()).isEqualTo(Progress.IN_PROGRESS);
        assertThat(shutdown.progress("qa").progress()).isEqualTo(Progress.DONE);
        assertThat(shutdown.progress("gone").progress()).isEqualTo(Progress.DONE);
    }
}
