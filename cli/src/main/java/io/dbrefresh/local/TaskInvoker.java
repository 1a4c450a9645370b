package io.dbrefresh.local;

/**
 * Answers the Task states of a local execution, in place of the AWS service the Task names.
 *
 * <p>A thrown exception fails the Task as a Lambda function error would on AWS: the state's
 * {@code Error} is the exception's fully qualified class name and its {@code Cause} is the
 * Lambda error document. Throw {@link IntegrationFailure} to fail it as the service itself
 * would (for example {@code Lambda.TooManyRequestsException}).
 */
@FunctionalInterface
public interface TaskInvoker {

    /**
     * @param stateName the Task state's name
     * @param resource the Task's {@code Resource}, e.g. {@code arn:aws:states:::lambda:invoke}
     * @param inputJson the Task's effective input, after {@code InputPath} and {@code Parameters};
     *     for {@code lambda:invoke} that is {@code {"FunctionName": ..., "Payload": ...}}
     * @return the result as JSON (for {@code lambda:invoke}: the function's answer, which the
     *     engine places under {@code Payload}); {@code null} stands for JSON {@code null}
     */
    String invoke(String stateName, String resource, String inputJson) throws Exception;
}
