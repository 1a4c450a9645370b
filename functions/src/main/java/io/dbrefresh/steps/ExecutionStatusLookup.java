package io.dbrefresh.steps;

import java.util.Optional;

import io.dbrefresh.history.TargetLock;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;

/**
 * Asks Step Functions whether a lock's holder still runs. Anything it cannot answer (an
 * execution of another engine or account, an API error) is "unknown", and an unknown holder
 * keeps its lock until the lock expires: taking over a live refresh is worse than waiting.
 */
final class ExecutionStatusLookup implements TargetLock.ExecutionStatuses {

    private final SfnClient sfn;

    ExecutionStatusLookup(SfnClient sfn) {
        this.sfn = sfn;
    }

    @Override
    public Optional<String> status(String executionArn) {
        if (executionArn == null || !executionArn.startsWith("arn:")) {
            return Optional.empty();
        }
        try {
            return Optional.of(sfn.describeExecution(b -> b.executionArn(executionArn)).statusAsString());
        } catch (ExecutionDoesNotExistException e) {
            return Optional.empty();
        } catch (SdkException e) {
            return Optional.empty();
        }
    }
}
