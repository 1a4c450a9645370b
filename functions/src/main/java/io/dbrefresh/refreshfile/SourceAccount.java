package io.dbrefresh.refreshfile;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * restore's optional {@code sourceaccount}: production lives in another account, reached
 * through the role its source-account stack created. The refresh's steps assume the role to
 * make, in that account, a copy of the source's data the target account can restore (a
 * snapshot re-encrypted with the sharing key and shared), and to remove it afterwards.
 *
 * @param accountId the source (production) account, 12 digits
 * @param roleArn   the role to assume there; the source-account stack's role unless the file names another
 */
public record SourceAccount(String accountId, String roleArn) {

    /** The name of the role the source-account stack creates: the default of {@code rolearn}. */
    public static final String DEFAULT_ROLE_NAME = "dbrefresh-source-access";

    static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
    static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::([0-9]{12}):role/[A-Za-z0-9+=,.@_/-]{1,512}");

    /** The source-account stack's role in {@code accountId}. */
    public static String defaultRole(String accountId) {
        return "arn:aws:iam::" + accountId + ":role/" + DEFAULT_ROLE_NAME;
    }

    /** The account a role ARN is in, or null when it is not one. */
    static String accountOf(String roleArn) {
        Matcher m = ROLE_ARN.matcher(roleArn);
        return m.matches() ? m.group(1) : null;
    }
}
