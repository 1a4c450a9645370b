package io.dbrefresh.secrets;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.dbrefresh.refreshfile.Json;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;

/**
 * Records every AWS request as it goes on the wire: service, operation, and the body decoded
 * (form fields URL-decoded, JSON string values unescaped), so a test can search it for a
 * password whatever the protocol's encoding.
 */
final class RequestLog implements ExecutionInterceptor {

    record Sent(String service, String operation, String uri, String body) {
        String name() {
            return service + "." + operation;
        }
    }

    private final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        // JSON protocols carry the body as a RequestBody; the query protocol (RDS) in the HTTP request itself
        Optional<ContentStreamProvider> content = context.requestBody().map(RequestBody::contentStreamProvider)
                .or(() -> context.httpRequest() instanceof SdkHttpFullRequest full ? full.contentStreamProvider() : Optional.empty());
        String body = content.map(c -> {
            try (InputStream in = c.newStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).orElse("");
        sent.add(new Sent(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
                attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                URLDecoder.decode(context.httpRequest().getUri().toString(), StandardCharsets.UTF_8), decode(body)));
    }

    List<Sent> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    List<Sent> sent(String operation) {
        return sent().stream().filter(s -> s.operation().equals(operation)).toList();
    }

    void clear() {
        sent.clear();
    }

    /** The request's text with every protocol encoding undone. */
    static String decode(String body) {
        String t = body.trim();
        if (t.startsWith("{")) {
            try {
                JsonNode n = Json.MAPPER.readTree(t);
                StringBuilder b = new StringBuilder();
                collect(n, b);
                return b.toString();
            } catch (IOException notJson) {
                return body;
            }
        }
        StringBuilder b = new StringBuilder();
        for (String pair : body.split("&")) {
            b.append(URLDecoder.decode(pair, StandardCharsets.UTF_8)).append('\n');
        }
        return b.toString();
    }

    private static void collect(JsonNode n, StringBuilder b) {
        if (n.isTextual()) {
            b.append(n.textValue()).append('\n');
            // a secret's value is itself JSON inside a string: undo that layer too
            String inner = n.textValue().trim();
            if (inner.startsWith("{")) {
                try {
                    collect(Json.MAPPER.readTree(inner), b);
                } catch (IOException notJson) {
                    // plain text was already appended
                }
            }
        } else if (n.isContainerNode()) {
            n.fields().forEachRemaining(e -> {
                b.append(e.getKey()).append('=');
                collect(e.getValue(), b);
            });
            if (n.isArray()) {
                n.forEach(c -> collect(c, b));
            }
        } else {
            b.append(n.asText()).append('\n');
        }
    }
}
