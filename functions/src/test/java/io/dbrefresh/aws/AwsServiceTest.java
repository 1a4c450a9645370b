package io.dbrefresh.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The priming call of each service: answered from memory, one request, and a service error is no failure. */
class AwsServiceTest {

    @ParameterizedTest
    @EnumSource(AwsService.class)
    void prime_sendsOneRequestAnsweredFromMemory(AwsService service) {
        OfflineHttpClient http = service.prime();

        assertThat(http.requests()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(AwsService.class)
    void prime_aServiceErrorIsAnAnswerToo(AwsService service) {
        // 400 is not retried: one request, the error path unmarshalled, nothing thrown
        OfflineHttpClient refusing = new OfflineHttpClient(400, "application/x-amz-json-1.1",
                "{\"__type\":\"AccessDeniedException\",\"message\":\"no\"}");

        assertThatCode(() -> service.prime(refusing)).doesNotThrowAnyException();
        assertThat(refusing.requests()).isEqualTo(1);
    }

    @Test
    void offlineClient_countsWhatItAnswered() {
        OfflineHttpClient http = new OfflineHttpClient(200, "application/json", "{}");

        AwsService.SSM.prime(http);
        AwsService.SSM.prime(http);

        assertThat(http.requests()).isEqualTo(2);
    }
}
