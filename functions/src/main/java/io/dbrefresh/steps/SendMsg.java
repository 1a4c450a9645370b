package io.dbrefresh.steps;

import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.execution.StepStatus;
import io.dbrefresh.history.RefreshRecord;
import io.dbrefresh.refreshfile.StepId;
import io.dbrefresh.notify.RefreshNotifier;
import io.dbrefresh.notify.ReportEmail;
import io.dbrefresh.notify.ReportMailer;
import io.dbrefresh.rds.CopyDetails;
import io.dbrefresh.refreshfile.EmailSpec;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * send-msg: tells the topic's subscribers how the refresh ended, and when the file asks for
 * it, e-mails the report through SES.
 */
public class SendMsg extends StepHandler<StepInput, StepResult> {

    private final StepEnvironment env;
    private final RefreshNotifier notifier;
    private final ReportMailer mailer;
    private final DatabaseServices services;

    public SendMsg() {
        this(StepEnvironment.fromEnvironment());
    }

    public SendMsg(StepEnvironment env) {
        this(env, new RefreshNotifier(env.aws().sns()), new ReportMailer(env.aws().ses()), DatabaseServices.over(env));
    }

    SendMsg(StepEnvironment env, RefreshNotifier notifier, ReportMailer mailer, DatabaseServices services) {
        super(StepInput.class);
        this.env = env;
        this.notifier = notifier;
        this.mailer = mailer;
        this.services = services;
    }

    @Override
    protected StepResult handle(StepInput in) {
        // the message's duration ends where the history row's does: at update-dynamodb's recording, when it ran
        StepResult recorded = in.result(StepId.UPDATE_DYNAMODB);
        java.time.Instant at = recorded != null && recorded.finishedAt() != null ? recorded.finishedAt() : env.clock().instant();
        RefreshRecord row = RefreshOutcome.record(in, at);
        String topic = in.plan().topicArn() != null ? in.plan().topicArn() : env.topicArn();
        String sent = topic == null ? "no topic configured: nothing sent" : "sent " + row.status() + " message " + notifier.publish(topic, row);
        EmailSpec email = in.plan().email();
        if (email != null) {
            sent += "; " + email(in, row, email);
        }
        return new StepResult("sendMsg", StepStatus.SUCCEEDED, 0, 0, row.recordingTime(), row.recordingTime(),
                sent, row.dbInstance(), null, null, null, topic != null || email != null);
    }

    /**
     * The refresh has ended by now, either way: an e-mail SES refuses (an unverified sender, a
     * missing grant) must not turn a finished refresh into a failed one and send it to recovery,
     * so the refusal is reported in this step's result and the SNS message has gone out already.
     */
    private String email(StepInput in, RefreshRecord row, EmailSpec email) {
        CopyDetails copy = RefreshRecord.SUCCEEDED.equals(row.status())
                ? services.forPlan(in.plan()).describe(in.plan().target()).orElse(null) : null;
        ReportEmail mail = ReportEmail.render(row, copy, in.recovery(),
                in.legacyPassword("changemasterpwd", "changeadminpwd", "runscripts"));
        try {
            return "e-mailed report " + mailer.send(email, mail) + " to " + String.join(", ", email.to());
        } catch (SdkException e) {
            System.err.println("send-msg: the e-mail report was not sent: " + e.getMessage());
            return "e-mail report NOT sent: " + e.getMessage();
        }
    }
}
