package io.dbrefresh.refreshfile;

import java.util.List;

/**
 * sendmsg's optional {@code email}: an HTML report with a plain-text part sent through Amazon
 * SES, beside the SNS message.
 *
 * @param from             the sender: an address of an identity verified in SES (docs/deploy.md)
 * @param to               recipients
 * @param cc               copied recipients, empty when none
 * @param configurationSet an SES configuration set (delivery events, dedicated IPs), or null
 */
public record EmailSpec(String from, List<String> to, List<String> cc, String configurationSet) {

    /** SES refuses a message with more than 50 recipients. */
    public static final int MAX_RECIPIENTS = 50;

    public EmailSpec {
        to = List.copyOf(to);
        cc = cc == null ? List.of() : List.copyOf(cc);
    }
}
