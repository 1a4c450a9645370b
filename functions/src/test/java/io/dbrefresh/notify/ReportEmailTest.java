package io.dbrefresh.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.dbrefresh.execution.RecoveryReport;
import io.dbrefresh.history.RefreshRecord;
import io.dbrefresh.rds.CopyDetails;

/** The e-mail report rendered: what a DBA acts on, escaped, with no secret in any part. */
class ReportEmailTest {

    private static final Instant STARTED = Instant.parse("2026-03-01T02:00:00Z");
    private static final CopyDetails COPY = new CopyDetails("shopqa.abc123.us-east-1.rds.amazonaws.com", null, 3306,
            "mysql 8.0.40", "db.r6g.large", "gp3, 100 GiB", List.of("shopqa-replica1"));

    @Test
    void success_namesTheCopysEndpointClassStorageReplicasAndEachStepsDuration() {
        ReportEmail mail = ReportEmail.render(success(), COPY, null);

        for (String part : List.of(mail.text(), mail.html())) {
            assertThat(part).contains("shopqa.abc123.us-east-1.rds.amazonaws.com:3306", "db.r6g.large", "gp3, 100 GiB",
                    "shopqa-replica1", "mysql 8.0.40", "shopprod", "latestpoint", "2026-03-01T01:00:00Z",
                    "2 scripts run, 0 failed", "perform-restore", "10m 00s", "run-scripts", "1m 05s");
        }
        assertThat(mail.subject()).isEqualTo("dbrefresh SUCCEEDED: shopqa refreshed from shopprod");
        assertThat(mail.html()).contains("<th style=\"text-align:left;padding:2px 12px 2px 0;vertical-align:top\">Endpoint</th>");
    }

    @Test
    void failure_namesTheFailedStepTheErrorWhatRecoveryDidAndWhereTheOldDataIs() {
        RecoveryReport recovery = new RecoveryReport("perform-restore", "RestoreFailedException", "{}",
                List.of("deleted temp copy billqatemp"), "billqa (untouched, available)", null, null);

        ReportEmail mail = ReportEmail.render(failure("billqatemp is incompatible-restore"), null, recovery);

        for (String part : List.of(mail.text(), mail.html())) {
            assertThat(part).contains("Failed step", "perform-restore", "billqatemp is incompatible-restore",
                    "Recovery did", "deleted temp copy billqatemp", "Old data is at", "billqa (untouched, available)");
        }
        assertThat(mail.html()).contains("color:#b3261e").doesNotContain("Endpoint");
    }

    @Test
    void markupInAnyValue_isEscapedInTheHtml() {
        ReportEmail mail = ReportEmail.render(failure("<script>alert('x')</script> & \"quoted\""), null, null);

        assertThat(mail.html())
                .doesNotContain("<script>")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;");
        assertThat(mail.text()).contains("<script>alert('x')</script>");
    }

    @Test
    void aSecretQuotedBackInAnError_isMaskedInSubjectTextAndHtml() {
        ReportEmail mail = ReportEmail.render(failure("login failed for admin with password Sup3r-Secret!"), null, null,
                "Sup3r-Secret!");

        assertThat(mail.subject() + mail.text() + mail.html()).doesNotContain("Sup3r-Secret!");
        assertThat(mail.text()).contains("with password ****");
    }

    private static RefreshRecord success() {
        Map<String, Long> steps = new LinkedHashMap<>();
        steps.put("perform-restore", 600L);
        steps.put("run-scripts", 65L);
        return new RefreshRecord("shopqa", STARTED, "shop", "qa", "shopprod", "latestpoint", null, "SUCCEEDED",
                STARTED.plusSeconds(2700), "rds", "arn:aws:states:us-east-1:123456789012:execution:dbrefresh:n1",
                STARTED.minusSeconds(3600), null, null, null, steps, "2 scripts run, 0 failed");
    }

    private static RefreshRecord failure(String error) {
        return new RefreshRecord("billqa", STARTED, "billing", "qa", "billprod", "latestpoint", null, "FAILED",
                STARTED.plusSeconds(900), "rds", "arn:aws:states:us-east-1:123456789012:execution:dbrefresh:n2",
                null, "perform-restore", error, "deleted temp copy billqatemp", Map.of(), null);
    }
}
