package io.dbrefresh.local;

import java.util.List;
import java.util.function.Consumer;

import io.dbrefresh.refreshfile.RdsArn;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkInternalExecutionAttribute;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.identity.spi.IdentityProviders;
import software.amazon.awssdk.services.rds.RdsClient;

/**
 * What the local world's stand-ins for the emulator's cross-account gaps share: they act on the
 * target account's own calls only, on another account's resource only when that account shares
 * it with this one, and they remove the mirror a call made when the call ends, whether it
 * succeeded or failed, so the account holds nothing of it afterwards.
 */
abstract sealed class CrossAccountStandIn implements ExecutionInterceptor permits SharedSnapshotMirror, SharedClusterStandIn {

    final String account;
    private final String accessKeyId;
    /** An RDS client of this account without the stand-in: the mirrors' own calls. */
    final RdsClient here;
    final Consumer<String> log;

    /**
     * @param account     this (the target) account
     * @param accessKeyId the access key of this account's calls: calls made with other credentials pass untouched
     * @param here        an RDS client of this account without this interceptor (the mirrors' own calls)
     * @param log         told, in a line, each time a stand-in answers
     */
    CrossAccountStandIn(String account, String accessKeyId, RdsClient here, Consumer<String> log) {
        this.account = account;
        this.accessKeyId = accessKeyId;
        this.here = here;
        this.log = log;
    }

    @Override
    public final void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        removeMirrors(attributes);
    }

    @Override
    public final void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        removeMirrors(attributes);
    }

    /** Deletes whatever mirror this call made, if it made one. */
    abstract void removeMirrors(ExecutionAttributes attributes);

    /**
     * Whether the call is this account's own, by the credentials its client signs with: the
     * assumed role's calls in the source account carry other keys. (The identity the SDK selects
     * is not always resolved yet when a request is modified, so the client's provider is asked.)
     */
    final boolean ownCall(ExecutionAttributes attributes) {
        IdentityProviders providers = attributes.getAttribute(SdkInternalExecutionAttribute.IDENTITY_PROVIDERS);
        IdentityProvider<AwsCredentialsIdentity> provider = providers == null ? null : providers.identityProvider(AwsCredentialsIdentity.class);
        if (provider == null) {
            return false;
        }
        AwsCredentialsIdentity credentials = provider.resolveIdentity().join();
        return accessKeyId.equals(credentials.accessKeyId()) && credentials.accountId().map(account::equals).orElse(true);
    }

    /** The other account that owns {@code ref}, when it is the ARN of another account's resource; else null. */
    final String otherOwnerOf(String ref) {
        String owner = ref == null || !RdsArn.isArn(ref) ? null : RdsArn.accountOf(ref);
        return owner == null || owner.equals(account) ? null : owner;
    }

    /** Whether a snapshot's {@code restore} attribute values share it with this account (by its id, or with {@code all}). */
    final boolean restorableHere(List<String> restoreAttribute) {
        return restoreAttribute.contains(account) || restoreAttribute.contains("all");
    }
}
