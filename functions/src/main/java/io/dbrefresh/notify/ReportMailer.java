package io.dbrefresh.notify;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import io.dbrefresh.refreshfile.EmailSpec;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.SendRawEmailRequest;

/**
 * Sends a {@link ReportEmail} through Amazon SES as one multipart/alternative message: mail
 * clients that show HTML show the report's table, the others its plain-text part.
 * SendRawEmail rather than SendEmail so the message is built, and can be read back, whole.
 */
public final class ReportMailer {

    private final SesClient ses;

    public ReportMailer(SesClient ses) {
        this.ses = ses;
    }

    /** Sends the report; returns the SES message id. */
    public String send(EmailSpec to, ReportEmail mail) {
        List<String> destinations = new ArrayList<>(to.to());
        destinations.addAll(to.cc());
        return ses.sendRawEmail(SendRawEmailRequest.builder()
                .source(to.from())
                .destinations(destinations)
                .configurationSetName(to.configurationSet())
                .rawMessage(m -> m.data(SdkBytes.fromString(mime(to, mail, UUID.randomUUID().toString()), StandardCharsets.US_ASCII)))
                .build()).messageId();
    }

    /**
     * The message in MIME: headers in ASCII (the subject encoded per RFC 2047), both parts in
     * UTF-8 and base64, since SES takes 7-bit text only and a source or error may hold any character.
     */
    static String mime(EmailSpec to, ReportEmail mail, String boundaryId) {
        String boundary = "dbrefresh-" + boundaryId;
        StringBuilder m = new StringBuilder();
        m.append("From: ").append(to.from()).append("\r\n");
        m.append("To: ").append(String.join(", ", to.to())).append("\r\n");
        if (!to.cc().isEmpty()) {
            m.append("Cc: ").append(String.join(", ", to.cc())).append("\r\n");
        }
        m.append("Subject: ").append(encodedWord(mail.subject())).append("\r\n");
        m.append("MIME-Version: 1.0\r\n");
        m.append("Content-Type: multipart/alternative; boundary=\"").append(boundary).append("\"\r\n\r\n");
        part(m, boundary, "text/plain", mail.text());
        part(m, boundary, "text/html", mail.html());
        m.append("--").append(boundary).append("--\r\n");
        return m.toString();
    }

    private static void part(StringBuilder m, String boundary, String type, String body) {
        m.append("--").append(boundary).append("\r\n");
        m.append("Content-Type: ").append(type).append("; charset=UTF-8\r\n");
        m.append("Content-Transfer-Encoding: base64\r\n\r\n");
        m.append(Base64.getMimeEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8))).append("\r\n");
    }

    private static String encodedWord(String s) {
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)) + "?=";
    }
}
