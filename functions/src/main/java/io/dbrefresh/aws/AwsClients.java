package io.dbrefresh.aws;

import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The AWS clients of one Lambda container (or one local run), each built once, lazily, on
 * first use, with the URL-connection HTTP client. Region comes from {@code AWS_REGION};
 * an endpoint override (moto, LocalStack) from {@code DBREFRESH_AWS_ENDPOINT}.
 */
public final class AwsClients {

    /** Environment variable naming an endpoint that replaces every AWS endpoint (emulators). */
    public static final String ENDPOINT_ENV = "DBREFRESH_AWS_ENDPOINT";

    private static final class Default {
        static final AwsClients INSTANCE = fromEnvironment();
    }

    private final Region region;
    private final URI endpoint;
    private final AwsCredentialsProvider credentials;
    private final ExecutionInterceptor interceptor;
    private final SdkHttpClient http;

    private final Lazy<RdsClient> rds;
    private final Lazy<DynamoDbClient> dynamoDb;
    private final Lazy<SnsClient> sns;
    private final Lazy<SfnClient> sfn;

    private AwsClients(Region region, URI endpoint, AwsCredentialsProvider credentials, ExecutionInterceptor interceptor) {
        this.region = region;
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.interceptor = interceptor;
        this.http = UrlConnectionHttpClient.builder().build();
        this.rds = new Lazy<>(() -> RdsClient.builder().httpClient(http).region(region).credentialsProvider(credentials)
                .overrideConfiguration(override()).applyMutation(b -> endpoint().ifPresent(b::endpointOverride)).build());
        this.dynamoDb = new Lazy<>(() -> DynamoDbClient.builder().httpClient(http).region(region).credentialsProvider(credentials)
                .overrideConfiguration(override()).applyMutation(b -> endpoint().ifPresent(b::endpointOverride)).build());
        this.sns = new Lazy<>(() -> SnsClient.builder().httpClient(http).region(region).credentialsProvider(credentials)
                .overrideConfiguration(override()).applyMutation(b -> endpoint().ifPresent(b::endpointOverride)).build());
        this.sfn = new Lazy<>(() -> SfnClient.builder().httpClient(http).region(region).credentialsProvider(credentials)
                .overrideConfiguration(override()).applyMutation(b -> endpoint().ifPresent(b::endpointOverride)).build());
    }

    /** The clients of this container, configured from the environment. */
    public static AwsClients shared() {
        return Default.INSTANCE;
    }

    public static AwsClients fromEnvironment() {
        String regionName = Optional.ofNullable(System.getenv("AWS_REGION"))
                .or(() -> Optional.ofNullable(System.getenv("AWS_DEFAULT_REGION")))
                .orElse("us-east-1");
        String endpoint = System.getenv(ENDPOINT_ENV);
        return new AwsClients(Region.of(regionName), endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint),
                DefaultCredentialsProvider.builder().build(), null);
    }

    /** Clients for AWS itself in {@code region}, credentials from the default chain (the operator CLI). */
    public static AwsClients forRegion(Region region) {
        return new AwsClients(region, null, DefaultCredentialsProvider.builder().build(), null);
    }

    /**
     * Clients for an emulator at {@code endpoint} with fixed test credentials. The optional
     * interceptor sees every request and response (tests use it to simulate status sequences
     * and faults the emulator does not produce).
     */
    public static AwsClients forEndpoint(URI endpoint, Region region, String accessKey, String secretKey,
                                         ExecutionInterceptor interceptor) {
        return new AwsClients(region, endpoint,
                StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)), interceptor);
    }

    public Region region() {
        return region;
    }

    public Optional<URI> endpoint() {
        return Optional.ofNullable(endpoint);
    }

    public AwsCredentialsProvider credentials() {
        return credentials;
    }

    public SdkHttpClient httpClient() {
        return http;
    }

    /** Client settings shared by every client: the test interceptor when one is set. */
    public ClientOverrideConfiguration override() {
        ClientOverrideConfiguration.Builder b = ClientOverrideConfiguration.builder();
        if (interceptor != null) {
            b.addExecutionInterceptor(interceptor);
        }
        return b.build();
    }

    public RdsClient rds() {
        return rds.get();
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb.get();
    }

    public SnsClient sns() {
        return sns.get();
    }

    public SfnClient sfn() {
        return sfn.get();
    }

    /** A value computed once, on first use, safely across threads. */
    static final class Lazy<T> implements Supplier<T> {
        private final Supplier<T> factory;
        private volatile T value;

        Lazy(Supplier<T> factory) {
            this.factory = factory;
        }

        @Override
        public T get() {
            T v = value;
            if (v == null) {
                synchronized (this) {
                    v = value;
                    if (v == null) {
                        v = factory.get();
                        value = v;
                    }
                }
            }
            return v;
        }
    }
}
