package io.dbrefresh.notify;

import io.dbrefresh.history.HistoryTable;
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

    /** Message attributes subscribers filter on (SNS filter policies). */
    public static final String STATUS = "status";
    public static final String TARGET = "target";
    public static final String APPLICATION = "application";
    public static final String ENVIRONMENT = "environment";

    /** Publishes the outcome; returns the SNS message id. */
    public String publish(String topicArn, RefreshRecord r) {
        java.util.Map<String, MessageAttributeValue> attributes = new java.util.LinkedHashMap<>();
        attribute(attributes, STATUS, r.status());
        attribute(attributes, TARGET, r.dbInstance());
        attribute(attributes, APPLICATION, r.application());
        attribute(attributes, ENVIRONMENT, r.environment());
        return sns.publish(PublishRequest.builder()
                .topicArn(topicArn)
                .subject(subject(r))
                .message(body(r))
                .messageAttributes(attributes)
                .build()).messageId();
    }

    /** What the mail client shows in the list: status, target, and the one fact that matters (source or failed step). */
    static String subject(RefreshRecord r) {
        String subject = "SUCCEEDED".equals(r.status())
                ? "dbrefresh SUCCEEDED: " + r.dbInstance() + " refreshed from " + r.source()
                : "dbrefresh " + r.status() + ": " + r.dbInstance() + " refresh failed"
                        + (r.failedStep() == null ? "" : " at " + r.failedStep());
        // SNS refuses a subject over 100 characters
        return subject.length() > 100 ? subject.substring(0, 100) : subject;
    }

    static String body(RefreshRecord r) {
        StringBuilder b = new StringBuilder();
        b.append(summary(r)).append("\n\n");
        line(b, "Status", r.status());
        line(b, "Database", r.dbInstance() + (r.service() == null ? "" : " (" + r.service() + ")"));
        line(b, "Application", r.application());
        line(b, "Environment", r.environment());
        line(b, "Source", r.source());
        line(b, "Restore type", r.restoreType());
        line(b, "Snapshot", r.snapshot());
        line(b, "Data aligned to", r.alignedTo() == null ? null : r.alignedTo().toString());
        line(b, "Scripts", r.scripts());
        line(b, "Started", r.restoreDate() == null ? null : r.restoreDate().toString());
        line(b, "Recorded", r.recordingTime() == null ? null : r.recordingTime().toString());
        line(b, "Duration", duration(r.duration()));
        if (r.downtimeSeconds() != null) {
            line(b, "Downtime", duration(java.time.Duration.ofSeconds(r.downtimeSeconds())));
            line(b, "Exposure", r.exposureSeconds() == null ? HistoryTable.NO_END
                    : r.exposureSeconds() == 0 ? "none" : duration(java.time.Duration.ofSeconds(r.exposureSeconds())));
        }
        line(b, "Failed step", r.failedStep());
        line(b, "Error", r.error());
        line(b, "Recovery", r.recovery());
        line(b, "Execution", r.execution());
        if (r.stepSeconds() != null && !r.stepSeconds().isEmpty()) {
            b.append("Steps:\n");
            r.stepSeconds().forEach((step, secs) -> b.append("  ").append(step).append(": ")
                    .append(duration(java.time.Duration.ofSeconds(secs))).append('\n'));
        }
        return b.toString();
    }

    /** One sentence a reader gets without reading the fields. */
    static String summary(RefreshRecord r) {
        String who = r.dbInstance() + (r.application() == null ? "" : " (" + r.application()
                + (r.environment() == null ? "" : ", " + r.environment()) + ")");
        if ("SUCCEEDED".equals(r.status())) {
            return who + " was refreshed from " + r.source()
                    + (r.snapshot() == null ? "" : " (snapshot " + r.snapshot() + ")")
                    + (r.alignedTo() == null ? "." : "; its data is aligned to " + r.alignedTo() + ".");
        }
        return "The refresh of " + who + " from " + r.source() + " failed"
                + (r.failedStep() == null ? "" : " at " + r.failedStep())
                + (r.error() == null ? "." : ": " + r.error() + ".")
                + (r.recovery() == null ? "" : " State left: " + r.recovery() + ".");
    }

    /** A refresh's duration as the message writes it (also the local run's summary: one duration, written one way). */
    public static String duration(java.time.Duration d) {
        if (d == null) {
            return null;
        }
        long s = d.toSeconds();
        return s >= 3600 ? String.format("%dh %02dm", s / 3600, (s % 3600) / 60) : String.format("%dm %02ds", s / 60, s % 60);
    }

    private static void attribute(java.util.Map<String, MessageAttributeValue> attributes, String name, String value) {
        // SNS rejects an attribute with an empty value; a missing one simply does not match a filter on it
        if (value != null && !value.isEmpty()) {
            attributes.put(name, MessageAttributeValue.builder().dataType("String").stringValue(value).build());
        }
    }

    private static void line(StringBuilder b, String label, String value) {
        if (value != null && !value.isEmpty()) {
            b.append(label).append(": ").append(value).append('\n');
        }
    }
}
