package io.dbrefresh.rds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.mockito.Answers;
import org.mockito.ArgumentCaptor;

import software.amazon.awssdk.services.ram.RamClient;
import software.amazon.awssdk.services.ram.model.DeleteResourceShareRequest;
import software.amazon.awssdk.services.ram.model.GetResourceSharesRequest;
import software.amazon.awssdk.services.ram.model.GetResourceSharesResponse;
import software.amazon.awssdk.services.ram.model.ResourceOwner;
import software.amazon.awssdk.services.ram.model.ResourceShare;
import software.amazon.awssdk.services.ram.model.ResourceShareStatus;
import software.amazon.awssdk.services.ram.model.Tag;
import software.amazon.awssdk.services.rds.RdsClient;

/**
 * The AWS RAM shares cross-account clones left in a source account. The emulator's RAM keeps no
 * tags on a share (GetResourceShares answers none), and a share is dbrefresh's by its tags, so the
 * source account's RAM is mocked here; the listing asked for and each delete sent are captured.
 */
class SharedClustersTest {

    private static final Instant NOW = Instant.parse("2026-12-07T02:00:00Z");

    /** The consumer-builder forms build the request and call the request form, as the real client does. */
    private final RamClient source = mock(RamClient.class, withSettings().defaultAnswer(call -> {
        Class<?>[] parameters = call.getMethod().getParameterTypes();
        return call.getMethod().isDefault() && parameters.length == 1 && Consumer.class.isAssignableFrom(parameters[0])
                ? call.callRealMethod() : Answers.RETURNS_DEFAULTS.answer(call);
    }));
    private final SharedClusters clusters = new SharedClusters(source, mock(RdsClient.class), mock(RamClient.class), "123456789012");

    @Test
    void removeLeftovers_deletesOnlyManagedSharesOfAnExecutionMadeBeforeTheTwoDays_andNoShareItDidNotMake() {
        Instant old = NOW.minus(SnapshotHousekeeping.COPY_IN_USE).minus(Duration.ofMinutes(1));
        ResourceShare left = share("dbrefresh-xa-auposclup-nightly-0", old, ResourceShareStatus.ACTIVE, true);
        when(source.getResourceShares(any(GetResourceSharesRequest.class))).thenReturn(GetResourceSharesResponse.builder().resourceShares(
                left,
                share("dbrefresh-xa-auposclup-nightly-9", NOW.minus(Duration.ofHours(1)), ResourceShareStatus.ACTIVE, true),
                share("dbrefresh-xa-by-hand", old, ResourceShareStatus.ACTIVE, false),
                share("dbrefresh-xa-auposclup-nightly-1", old, ResourceShareStatus.DELETED, true),
                share("app-share", old, ResourceShareStatus.ACTIVE, true)).build());

        List<String> removed = clusters.removeLeftovers(NOW);

        ArgumentCaptor<GetResourceSharesRequest> listed = ArgumentCaptor.forClass(GetResourceSharesRequest.class);
        verify(source).getResourceShares(listed.capture());
        assertThat(listed.getValue().resourceOwner()).isEqualTo(ResourceOwner.SELF);
        ArgumentCaptor<DeleteResourceShareRequest> deleted = ArgumentCaptor.forClass(DeleteResourceShareRequest.class);
        verify(source).deleteResourceShare(deleted.capture());
        assertThat(deleted.getValue().resourceShareArn()).isEqualTo(left.resourceShareArn());
        assertThat(removed).singleElement().asString().contains("deleted AWS RAM share dbrefresh-xa-auposclup-nightly-0",
                "no longer needed");
    }

    @Test
    void removeLeftovers_ofAnAccountWithNone_deletesNothing() {
        when(source.getResourceShares(any(GetResourceSharesRequest.class))).thenReturn(GetResourceSharesResponse.builder().build());

        assertThat(clusters.removeLeftovers(NOW)).isEmpty();
        verify(source, never()).deleteResourceShare(any(DeleteResourceShareRequest.class));
    }

    private static ResourceShare share(String name, Instant created, ResourceShareStatus status, boolean dbrefreshs) {
        List<Tag> tags = dbrefreshs ? List.of(Tag.builder().key(RefreshTags.MANAGED).value("true").build(),
                Tag.builder().key(RefreshTags.EXECUTION).value(name.substring(name.lastIndexOf('-') + 1)).build()) : List.of();
        return ResourceShare.builder().name(name).creationTime(created).status(status).tags(tags)
                .resourceShareArn("arn:aws:ram:us-east-1:222233334444:resource-share/" + name).build();
    }
}
