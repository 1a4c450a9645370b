package io.dbrefresh.rds;

import io.dbrefresh.refreshfile.SourceAccount;

/**
 * The names the source-account stack and the refresh's cross-account steps share: the role
 * grants its copy, share and delete rights on these prefixes only, so the steps must name what
 * they create with them. Declared once, read by the CDK app and the steps.
 */
public final class CrossAccountNames {

    /** The role the target account's steps assume in the source account. */
    public static final String ROLE_NAME = SourceAccount.DEFAULT_ROLE_NAME;
    /** Snapshot copies (instance and cluster) made for a refresh, and RAM shares of a cluster. */
    public static final String COPY_PREFIX = "dbrefresh-xa-";
    /** The customer managed key copies are re-encrypted with, so they can be shared. */
    public static final String KEY_ALIAS = "alias/dbrefresh-sharing";

    private CrossAccountNames() {
    }
}
