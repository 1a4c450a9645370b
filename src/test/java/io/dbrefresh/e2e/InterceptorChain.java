package io.dbrefresh.e2e;

import java.util.List;

import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.InterceptorContext;

/**
 * Several interceptors where the clients take one: a fault and the moto workaround of
 * {@link ClusterRenameRepair} in the same run. Each hook runs them in order; a response
 * rewritten by one is what the next sees, as the SDK does with a list of interceptors.
 */
final class InterceptorChain implements ExecutionInterceptor {

    private final List<ExecutionInterceptor> chain;

    InterceptorChain(ExecutionInterceptor... chain) {
        this.chain = List.of(chain);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        chain.forEach(i -> i.beforeExecution(context, attributes));
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        chain.forEach(i -> i.afterExecution(context, attributes));
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        // the SDK's own context type; each interceptor sees the response as the one before left it
        InterceptorContext current = (InterceptorContext) context;
        for (ExecutionInterceptor i : chain) {
            SdkResponse response = i.modifyResponse(current, attributes);
            current = current.copy(b -> b.response(response));
        }
        return current.response();
    }
}
