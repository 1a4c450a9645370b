package io.dbrefresh.rds;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * RDS takes a copy's settings under the same parameter names whether it restores a snapshot or
 * a point in time, but the SDK gives each request a builder type of its own with no common
 * interface. So the settings are written once, typed, on one request, and put onto the other
 * request's builder parameter by parameter, by the names in the SDK's own field list.
 */
final class RestoreParameters {

    private RestoreParameters() {
    }

    /**
     * Puts every parameter {@code settings} sets onto {@code builder}, under the same name;
     * what {@code settings} leaves unset leaves the builder's value alone.
     *
     * @throws IllegalArgumentException when {@code builder}'s request has no parameter of that name
     */
    static <B extends SdkPojo> B onto(B builder, SdkPojo settings) {
        Map<String, SdkField<?>> fields = builder.sdkFields().stream()
                .collect(Collectors.toMap(SdkField::memberName, Function.identity()));
        for (SdkField<?> field : settings.sdkFields()) {
            Object value = field.getValueOrDefault(settings);
            if (value == null || value instanceof SdkAutoConstructList || value instanceof SdkAutoConstructMap) {
                continue;
            }
            SdkField<?> same = fields.get(field.memberName());
            if (same == null) {
                throw new IllegalArgumentException(builder.getClass().getSimpleName() + " has no parameter " + field.memberName());
            }
            same.set(builder, value);
        }
        return builder;
    }
}
