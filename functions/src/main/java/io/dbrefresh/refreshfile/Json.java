package io.dbrefresh.refreshfile;

import java.io.IOException;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one Jackson mapper for plans and step payloads: instants as ISO-8601 text, nulls left
 * out, and step map keys written as the step ids ({@code performRestore}) because the state
 * machine reads {@code $.plan.steps.performRestore.run}.
 */
public final class Json {

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(stepIdKeys())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // handlers read their part of a larger execution state, which carries fields they do not model
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private Json() {
    }

    private static SimpleModule stepIdKeys() {
        SimpleModule module = new SimpleModule("step-ids");
        module.addKeySerializer(StepId.class, new JsonSerializer<>() {
            @Override
            public void serialize(StepId value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeFieldName(value.id());
            }
        });
        module.addKeyDeserializer(StepId.class, new KeyDeserializer() {
            @Override
            public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
                try {
                    return StepId.fromId(key);
                } catch (IllegalArgumentException e) {
                    return ctxt.handleWeirdKey(StepId.class, key, "not a step id");
                }
            }
        });
        return module;
    }
}
