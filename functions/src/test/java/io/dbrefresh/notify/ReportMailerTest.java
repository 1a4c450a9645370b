package io.dbrefresh.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import io.dbrefresh.refreshfile.EmailSpec;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.SendRawEmailRequest;
import software.amazon.awssdk.services.ses.model.SendRawEmailResponse;

/** The file's sendmsg.email reaches SES's request whole: sender, every recipient, the configuration set. */
class ReportMailerTest {

    @Test
    void send_carriesTheFilesSenderRecipientsAndConfigurationSet() {
        SesClient ses = mock(SesClient.class);
        when(ses.sendRawEmail(any(SendRawEmailRequest.class))).thenReturn(SendRawEmailResponse.builder().messageId("m-1").build());
        EmailSpec spec = new EmailSpec("dbrefresh@example.com", List.of("dba@example.com"), List.of("qa-lead@example.com"), "dba-events");

        String id = new ReportMailer(ses).send(spec, new ReportEmail("refresh of qa", "text", "<p>html</p>"));

        ArgumentCaptor<SendRawEmailRequest> sent = ArgumentCaptor.forClass(SendRawEmailRequest.class);
        verify(ses).sendRawEmail(sent.capture());
        SendRawEmailRequest r = sent.getValue();
        assertThat(r.source()).as("/sendmsg/email/from").isEqualTo("dbrefresh@example.com");
        assertThat(r.destinations()).as("/sendmsg/email/to and cc").containsExactly("dba@example.com", "qa-lead@example.com");
        assertThat(r.configurationSetName()).as("/sendmsg/email/configurationset").isEqualTo("dba-events");
        assertThat(r.rawMessage().data().asString(StandardCharsets.US_ASCII)).contains("Cc: qa-lead@example.com");
        assertThat(id).isEqualTo("m-1");
    }
}
