package io.dbrefresh.scripts;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.dbrefresh.execution.StepInput;
import io.dbrefresh.refreshfile.Json;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/** Invokes the worker function asynchronously (InvocationType EVENT) with the step's input. */
public final class LambdaScriptLauncher implements ScriptRunLauncher {

    private final LambdaClient lambda;
    private final String functionName;

    public LambdaScriptLauncher(LambdaClient lambda, String functionName) {
        this.lambda = lambda;
        this.functionName = functionName;
    }

    @Override
    public void launch(StepInput in) {
        byte[] payload;
        try {
            payload = Json.MAPPER.writeValueAsBytes(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        InvokeResponse r = lambda.invoke(InvokeRequest.builder().functionName(functionName)
                .invocationType(InvocationType.EVENT).payload(SdkBytes.fromByteArray(payload)).build());
        if (r.statusCode() != 202) {
            throw new IllegalStateException("the script runner " + functionName + " did not accept the run (HTTP "
                    + r.statusCode() + ")");
        }
    }
}
