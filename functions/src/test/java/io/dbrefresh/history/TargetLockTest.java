package io.dbrefresh.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/** The lock's requests: what the conditional write says, and when Step Functions is asked. */
class TargetLockTest {

    private static final Instant NOW = Instant.parse("2026-03-01T02:00:00Z");
    private static final String ME = "arn:aws:states:us-east-1:123456789012:execution:dbrefresh:me";
    private static final String OTHER = "arn:aws:states:us-east-1:123456789012:execution:dbrefresh:other";

    private final DynamoDbClient dynamoDb = mock(DynamoDbClient.class);

    @Test
    @SuppressWarnings("unchecked")
    void theWriteIsConditionalOnFreeOursOrExpiredAndCarriesTheTtl() {
        new TargetLock(dynamoDb, arn -> Optional.empty(), Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofHours(49))
                .acquire("t", "shopqa", ME);

        ArgumentCaptor<Consumer<PutItemRequest.Builder>> put = ArgumentCaptor.forClass(Consumer.class);
        verify(dynamoDb).putItem(put.capture());
        PutItemRequest.Builder b = PutItemRequest.builder();
        put.getValue().accept(b);
        PutItemRequest r = b.build();
        assertThat(r.conditionExpression()).isEqualTo("attribute_not_exists(#h) OR #h = :me OR #e < :now");
        assertThat(r.expressionAttributeValues()).containsEntry(":me", AttributeValue.fromS(ME))
                .containsEntry(":now", AttributeValue.fromN(Long.toString(NOW.getEpochSecond())));
        assertThat(r.item()).containsEntry("dbinstance", AttributeValue.fromS("lock#shopqa"))
                .containsEntry("restoredate", AttributeValue.fromS("lock"))
                .containsEntry("expiresat", AttributeValue.fromN(Long.toString(NOW.plus(Duration.ofHours(49)).getEpochSecond())))
                .doesNotContainKeys("appname", "source", "status");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRunningHolderIsNotTakenOverAndOnlyOneWriteIsTried() {
        when(dynamoDb.putItem(any(Consumer.class))).thenThrow(ConditionalCheckFailedException.builder().message("held").build());
        when(dynamoDb.getItem(any(Consumer.class))).thenReturn(GetItemResponse.builder().item(Map.of(
                "holder", AttributeValue.fromS(OTHER), "acquiredat", AttributeValue.fromS(NOW.toString()),
                "expiresat", AttributeValue.fromN("1900000000"))).build());
        TargetLock lock = new TargetLock(dynamoDb, arn -> Optional.of("RUNNING"), Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofHours(49));

        assertThatThrownBy(() -> lock.acquire("t", "shopqa", ME)).isInstanceOf(TargetLock.LockHeldException.class)
                .hasMessageContaining(OTHER);
        verify(dynamoDb, times(1)).putItem(any(Consumer.class));
    }
}
