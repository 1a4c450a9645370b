package io.dbrefresh.secrets;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

import org.reactivestreams.Publisher;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/** Several test interceptors on one client (the harness takes one): each sees the response the previous one returned. */
final class Interceptors implements ExecutionInterceptor {

    private final List<ExecutionInterceptor> all;

    private Interceptors(List<ExecutionInterceptor> all) {
        this.all = all;
    }

    static ExecutionInterceptor chain(ExecutionInterceptor... interceptors) {
        return new Interceptors(List.of(interceptors));
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        all.forEach(i -> i.beforeTransmission(context, attributes));
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        all.forEach(i -> i.afterExecution(context, attributes));
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        SdkResponse r = context.response();
        for (ExecutionInterceptor i : all) {
            r = i.modifyResponse(new Modified(context, r), attributes);
        }
        return r;
    }

    /** The same context with the response so far. */
    private record Modified(Context.ModifyResponse c, SdkResponse response) implements Context.ModifyResponse {
        @Override
        public SdkHttpResponse httpResponse() {
            return c.httpResponse();
        }

        @Override
        public Optional<Publisher<ByteBuffer>> responsePublisher() {
            return c.responsePublisher();
        }

        @Override
        public Optional<InputStream> responseBody() {
            return c.responseBody();
        }

        @Override
        public SdkHttpRequest httpRequest() {
            return c.httpRequest();
        }

        @Override
        public Optional<RequestBody> requestBody() {
            return c.requestBody();
        }

        @Override
        public Optional<AsyncRequestBody> asyncRequestBody() {
            return c.asyncRequestBody();
        }

        @Override
        public SdkRequest request() {
            return c.request();
        }
    }
}
