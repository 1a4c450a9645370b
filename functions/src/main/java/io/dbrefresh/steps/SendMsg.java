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
import io.dbrefresh.rds.AuroraClusters;
import io.dbrefresh.rds.CopyDetails;
import io.dbrefresh.rds.RdsInstances;
import io.dbrefresh.refreshfile.DbService;
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
    private final RdsInstances instances;

    public SendMsg() {
        this(StepEnvironment.fromEnvironment());
    }

    public SendMsg(StepEnvironment env) {
        this(env, new RefreshNotifier(env.aws().sns()), new ReportMailer(env.aws().ses()), new RdsInstances(env.aws().rds()));
    }

    SendMsg(StepEnvironment env, RefreshNotifier notifier, ReportMailer mailer, RdsInstances instances) {
        super(StepInput.class);
        this.env = env;
        this.notifier = notifier;
        this.mailer = mailer;
        this.instances = instances;
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
        CopyDetails copy = RefreshRecord.SUCCEEDED.equals(row.status()) ? describe(in) : null;
        ReportEmail mail = ReportEmail.render(row, copy, in.recovery(),
                in.legacyPassword("changemasterpwd", "changeadminpwd", "runscripts"));
        try {
            return "e-mailed report " + mailer.send(email, mail) + " to " + String.join(", ", email.to());
        } catch (SdkException e) {
            System.err.println("send-msg: the e-mail report was not sent: " + e.getMessage());
            return "e-mail report NOT sent: " + e.getMessage();
        }
    }

    private CopyDetails describe(StepInput in) {
        return in.plan().service() == DbService.AURORA
                ? CopyDetails.ofCluster(new AuroraClusters(instances), in.plan().target()).orElse(null)
                : CopyDetails.ofInstance(instances, in.plan().target()).orElse(null);
    }
}
