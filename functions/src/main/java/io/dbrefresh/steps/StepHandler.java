package io.dbrefresh.steps;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;

import io.dbrefresh.aws.ThrottledException;
import io.dbrefresh.refreshfile.Json;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * The door every Lambda step goes through: JSON in, one typed call, JSON out. The same
 * code path serves AWS Lambda and the local engine ({@link #handle(String)}), so both see
 * the same serialization and the same exceptions. An AWS throttling error that outlived
 * the SDK's own retries becomes {@link ThrottledException}, which the state machine's
 * Retry matches by name.
 */
public abstract class StepHandler<I, O> implements RequestStreamHandler {

    private final ObjectReader reader;
    private final ObjectWriter writer = Json.MAPPER.writer();

    protected StepHandler(Class<I> inputType) {
        this.reader = Json.MAPPER.readerFor(inputType);
    }

    /** The step's work: parse done, serialization after. */
    protected abstract O handle(I input);

    @Override
    public final void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        I input = reader.readValue(in);
        writer.writeValue(out, invoke(input));
    }

    /** Runs the handler on a JSON document and returns its JSON answer (local engine, tests). */
    public final String handle(String json) throws IOException {
        return writer.writeValueAsString(invoke(reader.readValue(json)));
    }

    private O invoke(I input) {
        try {
            return handle(input);
        } catch (SdkServiceException e) {
            if (e.isThrottlingException()) {
                throw new ThrottledException(e.getMessage(), e);
            }
            throw e;
        }
    }
}
