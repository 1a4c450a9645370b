package io.dbrefresh.steps;

import io.dbrefresh.execution.StepEnvironment;
import io.dbrefresh.execution.StepInput;
import io.dbrefresh.execution.StepResult;
import io.dbrefresh.execution.StepStatus;
import io.dbrefresh.history.RefreshRecord;
import io.dbrefresh.notify.RefreshNotifier;

/** send-msg: tells the topic's subscribers how the refresh ended. */
public class SendMsg extends StepHandler<StepInput, StepResult> {

    private final StepEnvironment env;
    private final RefreshNotifier notifier;

    public SendMsg() {
        this(StepEnvironment.fromEnvironment());
    }

    public SendMsg(StepEnvironment env) {
        this(env, new RefreshNotifier(env.aws().sns()));
    }

    SendMsg(StepEnvironment env, RefreshNotifier notifier) {
        super(StepInput.class);
        this.env = env;
        this.notifier = notifier;
    }

    @Override
    protected StepResult handle(StepInput in) {
        RefreshRecord row = RefreshOutcome.record(in, env.clock().instant());
        String topic = in.plan().topicArn() != null ? in.plan().topicArn() : env.topicArn();
        if (topic == null) {
            return new StepResult("sendMsg", StepStatus.SUCCEEDED, 0, 0, row.recordingTime(), row.recordingTime(),
                    "no topic configured: nothing sent", row.dbInstance(), null, null, null, false);
        }
        String id = notifier.publish(topic, row);
        return new StepResult("sendMsg", StepStatus.SUCCEEDED, 0, 0, row.recordingTime(), row.recordingTime(),
                "sent " + row.status() + " message " + id, row.dbInstance(), null, null, null, true);
    }
}
