package io.dbrefresh.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.dbrefresh.aws.AwsClients;
import io.dbrefresh.refreshfile.EmailSpec;
import io.dbrefresh.testing.Emulators;
import io.dbrefresh.testing.SentEmails;
import io.dbrefresh.testing.SentEmails.SentEmail;
import software.amazon.awssdk.services.ses.model.MessageRejectedException;

/** The report through moto's SES, read back whole: envelope, headers, both parts decoded. */
class ReportMailerIT {

    private AwsClients aws;

    @BeforeEach
    void verifiedSender() {
        Emulators.reset();
        aws = Emulators.clients();
        aws.ses().verifyEmailIdentity(b -> b.emailAddress("dbrefresh@example.com"));
    }

    @Test
    void theReport_arrivesAsOneMessageWithAPlainTextAndAnHtmlPart_toEveryRecipient() {
        EmailSpec spec = new EmailSpec("dbrefresh@example.com", List.of("dba@example.com", "qa@example.org"),
                List.of("lead@example.com"), null);
        ReportEmail mail = new ReportEmail("dbrefresh SUCCEEDED: shopqa refreshed from shopprod – ✓",
                "shopqa was refreshed.\nEndpoint: shopqa.local:3306\n", "<p>shopqa was refreshed &amp; é</p>");

        String id = new ReportMailer(aws.ses()).send(spec, mail);

        assertThat(id).isNotBlank();
        SentEmail sent = SentEmails.at(Emulators.endpoint()).getFirst();
        assertThat(sent.source()).isEqualTo("dbrefresh@example.com");
        // moto adds the To and Cc headers' addresses to the envelope's again (SES does not): compare as a set
        assertThat(sent.destinations()).containsOnly("dba@example.com", "qa@example.org", "lead@example.com");
        assertThat(sent.header("To")).isEqualTo("dba@example.com, qa@example.org");
        assertThat(sent.header("Cc")).isEqualTo("lead@example.com");
        assertThat(sent.header("Content-Type")).startsWith("multipart/alternative");
        assertThat(sent.subject()).isEqualTo("dbrefresh SUCCEEDED: shopqa refreshed from shopprod – ✓");
        assertThat(sent.text()).isEqualTo(mail.text());
        assertThat(sent.html()).isEqualTo(mail.html());
    }

    @Test
    void aSenderThatIsNotVerified_isRefusedBySes() {
        EmailSpec spec = new EmailSpec("someone@else.example", List.of("dba@example.com"), List.of(), null);

        assertThatThrownBy(() -> new ReportMailer(aws.ses()).send(spec, new ReportEmail("s", "t", "<p>h</p>")))
                .isInstanceOf(MessageRejectedException.class);
        assertThat(SentEmails.at(Emulators.endpoint())).isEmpty();
    }
}
