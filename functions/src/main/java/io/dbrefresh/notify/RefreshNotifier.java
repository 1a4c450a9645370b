package io.dbrefresh.notify;

import io.dbrefresh.history.RefreshRecord;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/** Tells people how a refresh ended, by SNS (e-mail subscriptions, chat, queues). */
public final class RefreshNotifier {

    private final SnsClient sns;

    public RefreshNotifier(SnsClient sns) {
        this.sns = sns;
    }

    /** Publishes the outcome; returns the SNS message id. */
    public String publish(String topicArn, RefreshRecord r) {
        String subject = "dbrefresh " + r.status() + ": " + r.dbInstance()
                + ("SUCCEEDED".equals(r.status()) ? " refreshed from " + r.source() : " refresh failed");
        return sns.publish(PublishRequest.builder()
                .topicArn(topicArn)
                .subject(subject.length() > 100 ? subject.substring(0, 100) : subject)
                .message(body(r))
                .messageAttributes(java.util.Map.of(
                        "status", MessageAttributeValue.builder().dataType("String").stringValue(r.status()).build(),
                        "target", MessageAttributeValue.builder().dataType("String").stringValue(r.dbInstance()).build()))
                .build()).messageId();
    }

    static String body(RefreshRecord r) {
        StringBuilder b = new StringBuilder();
        line(b, "Status", r.status());
        line(b, "Database", r.dbInstance() + " (" + r.service() + ")");
        line(b, "Application", r.application());
        line(b, "Environment", r.environment());
        line(b, "Source", r.source());
        line(b, "Restore type", r.restoreType());
        line(b, "Snapshot", r.snapshot());
        line(b, "Data aligned to", r.alignedTo() == null ? null : r.alignedTo().toString());
        line(b, "Scripts", r.scripts());
        line(b, "Started", r.restoreDate() == null ? null : r.restoreDate().toString());
        line(b, "Recorded", r.recordingTime() == null ? null : r.recordingTime().toString());
        line(b, "Failed step", r.failedStep());
        line(b, "Error", r.error());
        line(b, "Recovery", r.recovery());
        line(b, "Execution", r.execution());
        return b.toString();
    }

    private static void line(StringBuilder b, String label, String value) {
        if (value != null && !value.isEmpty()) {
            b.append(label).append(": ").append(value).append('\n');
        }
    }
}
