package io.dbrefresh.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.dbrefresh.refreshfile.Json;

/**
 * The e-mails moto's SES accepted, read back from moto's model data ({@code /moto-api/data.json}),
 * each raw MIME message taken apart into its headers and decoded parts, as a mail client would.
 */
public final class SentEmails {

    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"([^\"]+)\"");
    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?UTF-8\\?B\\?([A-Za-z0-9+/=]+)\\?=");

    /** One message: the envelope (source, destinations), the headers and the two parts. */
    public record SentEmail(String source, List<String> destinations, String raw, String subject, String text, String html) {

        public String header(String name) {
            for (String line : raw.split("\r\n")) {
                if (line.isEmpty()) {
                    return null;
                }
                if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                    return line.substring(name.length() + 1).trim();
                }
            }
            return null;
        }
    }

    private SentEmails() {
    }

    /**
     * The messages SES accepted, seen on the client's side of the wire: each SendRawEmail that got
     * a message id back. For a world where the emulator's model dump is unusable (moto's fails as
     * soon as an RDS instance exists: one of its properties is write-only).
     */
    public static final class Outbox implements software.amazon.awssdk.core.interceptor.ExecutionInterceptor {

        private final List<SentEmail> sent = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public void afterExecution(software.amazon.awssdk.core.interceptor.Context.AfterExecution context,
                                   software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
            if (context.request() instanceof software.amazon.awssdk.services.ses.model.SendRawEmailRequest r
                    && context.response() instanceof software.amazon.awssdk.services.ses.model.SendRawEmailResponse ok
                    && ok.messageId() != null) {
                sent.add(parse(r.source(), r.destinations(), r.rawMessage().data().asUtf8String()));
            }
        }

        public List<SentEmail> sent() {
            synchronized (sent) {
                return List.copyOf(sent);
            }
        }
    }

    /** Every raw message moto's SES has accepted since the last reset, in any account. */
    public static List<SentEmail> at(URI moto) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(moto.resolve("/moto-api/data.json")).GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode raws = Json.MAPPER.readTree(r.body()).path("ses").path("RawMessage");
            List<SentEmail> out = new ArrayList<>();
            for (JsonNode m : raws) {
                List<String> to = new ArrayList<>();
                m.path("destinations").forEach(d -> to.add(d.asText()));
                out.add(parse(m.path("source").asText(), to, m.path("raw_data").asText()));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static SentEmail parse(String source, List<String> destinations, String raw) {
        Matcher b = BOUNDARY.matcher(raw);
        String text = null;
        String html = null;
        if (b.find()) {
            for (String part : raw.split("--" + Pattern.quote(b.group(1)))) {
                int split = part.indexOf("\r\n\r\n");
                if (split < 0) {
                    continue;
                }
                String headers = part.substring(0, split);
                String body = part.substring(split + 4).replace("\r\n", "");
                String decoded = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
                if (headers.contains("text/plain")) {
                    text = decoded;
                } else if (headers.contains("text/html")) {
                    html = decoded;
                }
            }
        }
        SentEmail headersOnly = new SentEmail(source, destinations, raw, null, null, null);
        String subject = headersOnly.header("Subject");
        Matcher w = subject == null ? null : ENCODED_WORD.matcher(subject);
        if (w != null && w.matches()) {
            subject = new String(Base64.getDecoder().decode(w.group(1)), StandardCharsets.UTF_8);
        }
        return new SentEmail(source, List.copyOf(destinations), raw, subject, text, html);
    }
}
