package io.dbrefresh.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

import io.dbrefresh.execution.StepInput;
import io.dbrefresh.refreshfile.Json;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

@ExtendWith(MockitoExtension.class)
class LambdaScriptLauncherTest {

    @Mock
    LambdaClient lambda;

    @Test
    void launch_invokesTheWorkerAsynchronously_withTheStepInput() throws Exception {
        when(lambda.invoke(any(InvokeRequest.class))).thenReturn(InvokeResponse.builder().statusCode(202).build());
        StepInput in = ScriptFixtures.input(s -> { });

        new LambdaScriptLauncher(lambda, "dbrefresh-ScriptRunner").launch(in);

        ArgumentCaptor<InvokeRequest> sent = ArgumentCaptor.forClass(InvokeRequest.class);
        verify(lambda).invoke(sent.capture());
        assertThat(sent.getValue().functionName()).isEqualTo("dbrefresh-ScriptRunner");
        assertThat(sent.getValue().invocationType()).isEqualTo(InvocationType.EVENT);
        StepInput back = Json.MAPPER.readValue(sent.getValue().payload().asByteArray(), StepInput.class);
        assertThat(back.plan().scripts().keys()).isEqualTo(in.plan().scripts().keys());
        assertThat(back.execution().name()).isEqualTo("refresh-appdbdev-1");
    }
}
