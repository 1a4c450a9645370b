package io.dbrefresh.steps;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import org.crac.Core;
import org.crac.Resource;

import io.dbrefresh.aws.ThrottledException;
import io.dbrefresh.refreshfile.Json;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * The door every Lambda step goes through: JSON in, one typed call, JSON out. The same
 * code path serves AWS Lambda and the local engine ({@link #handle(String)}), so both see
 * the same serialization and the same exceptions. An AWS throttling error that outlived
 * the SDK's own retries becomes {@link ThrottledException}, which the state machine's
 * Retry matches by name.
 *
 * <p>Every handler is a CRaC {@link Resource}, registered when it is built (Lambda's init
 * phase): before SnapStart takes its snapshot, it primes itself ({@link Priming}) so that
 * the first request after a restore does not pay for loading the request path's classes.
 * On a JVM without CRaC the registration does nothing.
 */
public abstract class StepHandler<I, O> implements RequestStreamHandler, Resource {

    private final Class<I> inputType;
    private final ObjectReader reader;
    private final ObjectWriter writer = Json.MAPPER.writer();
    private volatile Priming.Primed primed;

    protected StepHandler(Class<I> inputType) {
        this.inputType = inputType;
        this.reader = Json.MAPPER.readerFor(inputType);
        // the global context holds its resources weakly; the runtime keeps the handler
        Core.getGlobalContext().register(this);
    }

    /** Primes the request path before the snapshot; what it did goes to the function's log. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.Primed done = Priming.prime(this);
        primed = done;
        System.err.println("dbrefresh priming: " + done);
    }

    /** Nothing to restore: priming kept no connection, credential or clock reading. */
    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }

    /** What the last priming did, or null before any. */
    Priming.Primed primed() {
        return primed;
    }

    Class<I> inputType() {
        return inputType;
    }

    /** Reads {@code json} as this handler's input and writes it back: the priming's round trip. */
    String roundTrip(String json) throws IOException {
        return writer.writeValueAsString(reader.readValue(json));
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
