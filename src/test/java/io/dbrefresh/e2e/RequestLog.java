package io.dbrefresh.e2e;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The requests the handlers sent, as they left for the wire: what a test asserts where the
 * emulator accepts a setting and does not keep it, so describing the result cannot show it.
 */
final class RequestLog implements ExecutionInterceptor {

    private final List<SdkRequest> requests = new CopyOnWriteArrayList<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        requests.add(context.request());
    }

    /** The requests of one type, in the order they were sent. */
    <T extends SdkRequest> List<T> sent(Class<T> type) {
        return requests.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
