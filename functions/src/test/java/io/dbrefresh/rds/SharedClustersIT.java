package io.dbrefresh.rds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import io.dbrefresh.aws.AwsClients;
import io.dbrefresh.execution.DatabaseNotFoundException;
import io.dbrefresh.execution.Observation;
import io.dbrefresh.execution.Progress;
import io.dbrefresh.refreshfile.RestoreSpec;
import io.dbrefresh.refreshfile.RestoreType;
import io.dbrefresh.refreshfile.SourceAccount;
import io.dbrefresh.testing.Emulators;
import io.dbrefresh.testing.Plans;
import software.amazon.awssdk.services.ram.RamClient;
import software.amazon.awssdk.services.ram.model.AcceptResourceShareInvitationRequest;
import software.amazon.awssdk.services.ram.model.GetResourceShareInvitationsRequest;
import software.amazon.awssdk.services.ram.model.GetResourceShareInvitationsResponse;
import software.amazon.awssdk.services.ram.model.ResourceOwner;
import software.amazon.awssdk.services.ram.model.ResourceShare;
import software.amazon.awssdk.services.ram.model.ResourceShareAssociationType;
import software.amazon.awssdk.services.ram.model.ResourceShareInvitation;
import software.amazon.awssdk.services.ram.model.ResourceShareInvitationStatus;
import software.amazon.awssdk.services.ram.model.ResourceShareStatus;

/**
 * Aurora cloning across accounts, the source account's side against the emulator's AWS RAM: the
 * named cluster is shared with the target account alone, under this execution's name, carried on
 * from what is found, and the share is deleted afterwards. The emulator has no RAM invitations,
 * so the target account's RAM (which accepts one) is a Mockito stand-in here.
 */
class SharedClustersIT {

    private static final String SOURCE_ACCOUNT = "222233334444";
    private static final String TARGET_ACCOUNT = "123456789012";
    private static final SourceAccount ACCOUNT = new SourceAccount(SOURCE_ACCOUNT, SourceAccount.defaultRole(SOURCE_ACCOUNT));
    private static final String EXECUTION = "nightly-1";
    private static final String INVITATION = "arn:aws:ram:us-east-1:" + SOURCE_ACCOUNT + ":resource-share-invitation/inv-1";

    private AwsClients source;
    private RamClient targetRam;
    private SharedClusters clusters;
    private String clusterArn;

    @BeforeEach
    void productionClusterInItsOwnAccount() {
        Emulators.reset();
        source = Emulators.clients().assumingRole(ACCOUNT.roleArn(), "dbrefresh-test");
        clusterArn = source.rds().createDBCluster(b -> b.dbClusterIdentifier("auposclup").engine("aurora-postgresql")
                .masterUsername("admin").masterUserPassword("not-a-real-one-1")).dbCluster().dbClusterArn();
        targetRam = mock(RamClient.class);
        noInvitation();
        clusters = new SharedClusters(source.ram(), source.rds(), targetRam, TARGET_ACCOUNT);
    }

    @Test
    void advance_sharesTheNamedClusterWithTheTargetAccountOnly_thenReportsItsArn() {
        Observation first = clusters.advance("auposclup", EXECUTION);
        Observation done = clusters.advance("auposclup", EXECUTION);

        assertThat(first.progress()).isEqualTo(Progress.IN_PROGRESS);
        assertThat(first.message()).contains("sharing cluster auposclup with account " + TARGET_ACCOUNT + " through AWS RAM");
        assertThat(done.progress()).isEqualTo(Progress.DONE);
        assertThat(done.message()).as("what the target clones by").isEqualTo(clusterArn);
        List<ResourceShare> shares = liveShares();
        assertThat(shares).extracting(ResourceShare::name).containsExactly(SharedClusters.shareName("auposclup", EXECUTION));
        assertThat(shares.getFirst().name()).startsWith(CrossAccountNames.COPY_PREFIX);
        String share = shares.getFirst().resourceShareArn();
        assertThat(associated(share, ResourceShareAssociationType.PRINCIPAL)).containsExactly(TARGET_ACCOUNT);
        assertThat(associated(share, ResourceShareAssociationType.RESOURCE)).containsExactly(clusterArn);
    }

    @Test
    void advance_again_makesNoSecondShare() {
        clusters.advance("auposclup", EXECUTION);
        clusters.advance("auposclup", EXECUTION);
        clusters.advance("auposclup", EXECUTION);

        assertThat(liveShares()).hasSize(1);
    }

    @Test
    void advance_acceptsAPendingInvitationInTheTargetAccount() {
        clusters.advance("auposclup", EXECUTION);
        String share = liveShares().getFirst().resourceShareArn();
        when(targetRam.getResourceShareInvitations(any(Consumer.class))).thenReturn(GetResourceShareInvitationsResponse.builder()
                .resourceShareInvitations(ResourceShareInvitation.builder().resourceShareArn(share).resourceShareInvitationArn(INVITATION)
                        .status(ResourceShareInvitationStatus.PENDING).build()).build());

        Observation done = clusters.advance("auposclup", EXECUTION);

        assertThat(done.progress()).isEqualTo(Progress.DONE);
        @SuppressWarnings("unchecked")
        ArgumentCaptor<Consumer<GetResourceShareInvitationsRequest.Builder>> asked = ArgumentCaptor.forClass(Consumer.class);
        verify(targetRam).getResourceShareInvitations(asked.capture());
        GetResourceShareInvitationsRequest.Builder request = GetResourceShareInvitationsRequest.builder();
        asked.getValue().accept(request);
        assertThat(request.build().resourceShareArns()).containsExactly(share);
        @SuppressWarnings("unchecked")
        ArgumentCaptor<Consumer<AcceptResourceShareInvitationRequest.Builder>> accepted = ArgumentCaptor.forClass(Consumer.class);
        verify(targetRam).acceptResourceShareInvitation(accepted.capture());
        AcceptResourceShareInvitationRequest.Builder acceptance = AcceptResourceShareInvitationRequest.builder();
        accepted.getValue().accept(acceptance);
        assertThat(acceptance.build().resourceShareInvitationArn()).isEqualTo(INVITATION);
    }

    @Test
    void advance_acceptsNoInvitation_whenNoneIsPending() {
        clusters.advance("auposclup", EXECUTION);
        clusters.advance("auposclup", EXECUTION);

        verify(targetRam, never()).acceptResourceShareInvitation(any(Consumer.class));
    }

    @Test
    void advance_ofAClusterTheSourceAccountDoesNotHave_isNotFound() {
        assertThatThrownBy(() -> clusters.advance("nosuchcluster", EXECUTION)).isInstanceOf(DatabaseNotFoundException.class)
                .hasMessageContaining("nosuchcluster").hasMessageContaining("source account");
        assertThat(liveShares()).isEmpty();
    }

    @Test
    void remove_deletesThisExecutionsShare_andLeavesAnotherExecutionsOne() {
        clusters.advance("auposclup", EXECUTION);
        clusters.advance("auposclup", "other-run");

        List<String> removed = clusters.remove("auposclup", EXECUTION);

        assertThat(removed).singleElement().asString().contains("deleted AWS RAM share " + SharedClusters.shareName("auposclup", EXECUTION));
        assertThat(liveShares()).extracting(ResourceShare::name).containsExactly(SharedClusters.shareName("auposclup", "other-run"));
        assertThat(clusters.remove("auposclup", EXECUTION)).as("a second removal finds nothing").isEmpty();
    }

    @Test
    void sourceShare_forAClone_namesTheClusterItself_andRemovesTheShareWithTheCopies() {
        RestoreSpec spec = Plans.restoreAcrossAccounts(RestoreType.FAST_CLONING, "auposclup", "auposclud", null, null, ACCOUNT);
        SourceShare share = new SourceShare(new SourceSnapshotCopies(source.rds(), TARGET_ACCOUNT, CrossAccountNames.KEY_ALIAS), clusters);

        SourceShare.Sharing first = share.advance(spec, true, EXECUTION);
        SourceShare.Sharing done = share.advance(spec, true, EXECUTION);

        assertThat(first.done()).isFalse();
        assertThat(done.done()).isTrue();
        assertThat(done.sharedArn()).isEqualTo(clusterArn)
                .isEqualTo(SourceShare.sharedArn(spec, true, "us-east-1", EXECUTION));
        assertThat(done.observation().message()).contains("through AWS RAM share " + SharedClusters.shareName("auposclup", EXECUTION));
        assertThat(share.remove(spec, EXECUTION)).anySatisfy(line -> assertThat(line).contains("deleted AWS RAM share"));
        assertThat(liveShares()).isEmpty();
    }

    private void noInvitation() {
        when(targetRam.getResourceShareInvitations(any(Consumer.class))).thenReturn(GetResourceShareInvitationsResponse.builder().build());
    }

    private List<ResourceShare> liveShares() {
        return source.ram().getResourceShares(b -> b.resourceOwner(ResourceOwner.SELF)).resourceShares().stream()
                .filter(s -> s.status() == ResourceShareStatus.ACTIVE).toList();
    }

    private List<String> associated(String share, ResourceShareAssociationType type) {
        return source.ram().getResourceShareAssociations(b -> b.associationType(type).resourceShareArns(share))
                .resourceShareAssociations().stream().map(a -> a.associatedEntity()).toList();
    }
}
