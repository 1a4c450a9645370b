package io.dbrefresh.aws;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.ram.RamClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The AWS clients of one Lambda container (or one local run), each built once, lazily, on
 * first use, with the URL-connection HTTP client. Region comes from {@code AWS_REGION};
 * an endpoint override (moto, LocalStack) from {@code DBREFRESH_AWS_ENDPOINT}. Tests may
 * send some services elsewhere ({@link #endpoint(String)}): LocalStack has no RDS, so with
 * LocalStack the RDS client still talks to moto.
 */
public final class AwsClients {

    /** Environment variable naming an endpoint that replaces every AWS endpoint (emulators). */
    public static final String ENDPOINT_ENV = "DBREFRESH_AWS_ENDPOINT";

    private static final class Default {
        static final AwsClients INSTANCE = fromEnvironment();
    }

    private final Region region;
    private final URI endpoint;
    private final Map<String, URI> serviceEndpoints;
    private final AwsCredentialsProvider credentials;
    private final List<ExecutionInterceptor> interceptors;
    private final SdkHttpClient http;

    private final Lazy<RdsClient> rds;
    private final Lazy<DynamoDbClient> dynamoDb;
    private final Lazy<SnsClient> sns;
    private final Lazy<SesClient> ses;
    private final Lazy<S3Client> s3;
    private final Lazy<SecretsManagerClient> secretsManager;
    private final Lazy<LambdaClient> lambda;
    private final Lazy<SsmClient> ssm;
    private final Lazy<SfnClient> sfn;
    private final Lazy<KmsClient> kms;
    private final Lazy<Ec2Client> ec2;
    private final Lazy<RamClient> ram;

    private AwsClients(Region region, URI endpoint, Map<String, URI> serviceEndpoints, AwsCredentialsProvider credentials,
                       List<ExecutionInterceptor> interceptors) {
        this.region = region;
        this.endpoint = endpoint;
        this.serviceEndpoints = Map.copyOf(serviceEndpoints);
        this.credentials = credentials;
        this.interceptors = List.copyOf(interceptors);
        this.http = UrlConnectionHttpClient.builder().build();
        this.rds = new Lazy<>(() -> RdsClient.builder().httpClient(http).region(region).credentialsProvider(credentials)
                .overrideConfiguration(override()).applyMutation(b -> endpoint(RdsClient.SERVICE_NAME).ifPresent(b::endpointOverride)).build());
        this.dynamoDb = new Lazy<>(() -> DynamoDbClient.builder().httpClient(http).region(region).credentialsProvider(credentials)
                .overrideConfiguration(override()).applyMutation(b -> endpoint(DynamoDbClient.SERVICE_NAME).ifPresent(b::endpointOverride)).build());
        this.sns = new Lazy<>(() -> SnsClient.builder().httpClient(http).region(region).credentialsProvider(credentials)
                .overrideConfiguration(override()).applyMutation(b -> endpoint(SnsClient.SERVICE_NAME).ifPresent(b::endpointOverride)).build());
        this.ses = new Lazy<>(() -> SesClient.builder().httpClient(http).region(region).credentialsProvider(credentials)
                .overrideConfiguration(override()).applyMutation(b -> endpoint(SesClient.SERVICE_NAME).ifPresent(b::endpointOverride)).build());
        // an emulator serves every bucket under one host name, so S3 needs path-style addresses there
        this.s3 = new Lazy<>(() -> S3Client.builder().httpClient(http).region(region).credentialsProvider(credentials)
                .overrideConfiguration(override())
                .applyMutation(b -> endpoint(S3Client.SERVICE_NAME).ifPresent(e -> b.endpointOverride(e).forcePathStyle(true))).build());
        this.secretsManager = new Lazy<>(() -> SecretsManagerClient.builder().httpClient(http).region(region).credentialsProvider(credentials)
                .overrideConfiguration(override()).applyMutation(b -> endpoint(SecretsManagerClient.SERVICE_NAME).ifPresent(b::endpointOverride)).build());
        this.lambda = new Lazy<>(() -> LambdaClient.builder().httpClient(http).region(region).credentialsProvider(credentials)
                .overrideConfiguration(override()).applyMutation(b -> endpoint(LambdaClient.SERVICE_NAME).ifPresent(b::endpointOverride)).build());
        this.ssm = new Lazy<>(() -> SsmClient.builder().httpClient(http).region(region).credentialsProvider(credentials)
                .overrideConfiguration(override()).applyMutation(b -> endpoint(SsmClient.SERVICE_NAME).ifPresent(b::endpointOverride)).build());
        this.sfn = new Lazy<>(() -> SfnClient.builder().httpClient(http).region(region).credentialsProvider(credentials)
                .overrideConfiguration(override()).applyMutation(b -> endpoint(SfnClient.SERVICE_NAME).ifPresent(b::endpointOverride)).build());
        this.kms = new Lazy<>(() -> KmsClient.builder().httpClient(http).region(region).credentialsProvider(credentials)
                .overrideConfiguration(override()).applyMutation(b -> endpoint(KmsClient.SERVICE_NAME).ifPresent(b::endpointOverride)).build());
        this.ec2 = new Lazy<>(() -> Ec2Client.builder().httpClient(http).region(region).credentialsProvider(credentials)
                .overrideConfiguration(override()).applyMutation(b -> endpoint(Ec2Client.SERVICE_NAME).ifPresent(b::endpointOverride)).build());
        this.ram = new Lazy<>(() -> RamClient.builder().httpClient(http).region(region).credentialsProvider(credentials)
                .overrideConfiguration(override()).applyMutation(b -> endpoint(RamClient.SERVICE_NAME).ifPresent(b::endpointOverride)).build());
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
        return new AwsClients(Region.of(regionName), endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint), Map.of(),
                DefaultCredentialsProvider.builder().build(), List.of());
    }

    /** Clients for AWS itself in {@code region}, credentials from the default chain (the operator CLI). */
    public static AwsClients forRegion(Region region) {
        return new AwsClients(region, null, Map.of(), DefaultCredentialsProvider.builder().build(), List.of());
    }

    /**
     * Clients for any endpoint that speaks the AWS APIs ({@code AWS_ENDPOINT_URL}), credentials
     * from the default chain ({@code AWS_PROFILE}, the environment's keys, SSO, a role).
     */
    public static AwsClients forEndpoint(URI endpoint, Region region) {
        return new AwsClients(region, endpoint, Map.of(), DefaultCredentialsProvider.builder().build(), List.of());
    }

    /** Clients for {@code endpoint} whose credentials come from {@code credentials} (tests watch what asks for them). */
    public static AwsClients forEndpoint(URI endpoint, Region region, AwsCredentialsProvider credentials) {
        return new AwsClients(region, endpoint, Map.of(), credentials, List.of());
    }

    /**
     * Clients for an emulator at {@code endpoint} with fixed test credentials. The optional
     * interceptor sees every request and response (tests use it to simulate status sequences
     * and faults the emulator does not produce).
     */
    public static AwsClients forEndpoint(URI endpoint, Region region, String accessKey, String secretKey,
                                         ExecutionInterceptor interceptor) {
        return forEndpoints(endpoint, Map.of(), region, accessKey, secretKey, interceptor);
    }

    /**
     * Like {@link #forEndpoint}, but the services named in {@code serviceEndpoints} (keyed by
     * the SDK's {@code SERVICE_NAME}, e.g. {@code DynamoDbClient.SERVICE_NAME}) go to their own
     * endpoint: one emulator may lack a service another has.
     */
    public static AwsClients forEndpoints(URI endpoint, Map<String, URI> serviceEndpoints, Region region, String accessKey,
                                          String secretKey, ExecutionInterceptor interceptor) {
        return new AwsClients(region, endpoint, serviceEndpoints,
                StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)),
                interceptor == null ? List.of() : List.of(interceptor));
    }

    public Region region() {
        return region;
    }

    public Optional<URI> endpoint() {
        return Optional.ofNullable(endpoint);
    }

    /**
     * The endpoint override for one service ({@code XxxClient.SERVICE_NAME}); clients built
     * outside this class should use this rather than {@link #endpoint()}.
     */
    public Optional<URI> endpoint(String serviceName) {
        return Optional.ofNullable(serviceEndpoints.getOrDefault(serviceName, endpoint));
    }

    public AwsCredentialsProvider credentials() {
        return credentials;
    }

    public SdkHttpClient httpClient() {
        return http;
    }

    /**
     * Clients in another account, with the credentials of {@code roleArn} assumed through STS by
     * this account's credentials (refreshed before they expire); same region, endpoint and
     * interceptor. The source-account side of a cross-account refresh goes through these.
     */
    public AwsClients assumingRole(String roleArn, String sessionName) {
        software.amazon.awssdk.services.sts.StsClient sts = software.amazon.awssdk.services.sts.StsClient.builder()
                .httpClient(http).region(region).credentialsProvider(credentials).overrideConfiguration(override())
                .applyMutation(b -> endpoint(software.amazon.awssdk.services.sts.StsClient.SERVICE_NAME).ifPresent(b::endpointOverride))
                .build();
        AwsCredentialsProvider assumed = software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(r -> r.roleArn(roleArn).roleSessionName(sessionName))
                .build();
        return new AwsClients(region, endpoint, serviceEndpoints, assumed, interceptors);
    }

    /**
     * These clients' settings with {@code another} interceptor after theirs: a local run's
     * handlers see the emulated account through it (what the emulator cannot hold as AWS would).
     */
    public AwsClients intercepting(ExecutionInterceptor another) {
        List<ExecutionInterceptor> all = new ArrayList<>(interceptors);
        all.add(another);
        return new AwsClients(region, endpoint, serviceEndpoints, credentials, all);
    }

    /** Client settings shared by every client: the test interceptor when one is set. */
    public ClientOverrideConfiguration override() {
        ClientOverrideConfiguration.Builder b = ClientOverrideConfiguration.builder();
        for (ExecutionInterceptor interceptor : interceptors) {
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

    public SesClient ses() {
        return ses.get();
    }

    public S3Client s3() {
        return s3.get();
    }

    public SecretsManagerClient secretsManager() {
        return secretsManager.get();
    }

    public LambdaClient lambda() {
        return lambda.get();
    }

    public SsmClient ssm() {
        return ssm.get();
    }

    public SfnClient sfn() {
        return sfn.get();
    }

    public KmsClient kms() {
        return kms.get();
    }

    /** AWS RAM: an Aurora cluster shared with another account for a clone (share-source, its removal, recovery). */
    public RamClient ram() {
        return ram.get();
    }

    /** EC2, for pre-flight's reads of the copy's security groups only. */
    public Ec2Client ec2() {
        return ec2.get();
    }

    /**
     * A value computed once, on first use, safely across threads. The factory is a supplier of
     * Object, not of the client: a lambda typed with a client class loads that class when the
     * lambda is made (in this class's constructor), and a function's jar holds only the SDK
     * modules its grants call ({@code FunctionJar}), so building these clients must not touch
     * the others' classes.
     */
    static final class Lazy<T> implements Supplier<T> {
        private final Supplier<Object> factory;
        private volatile T value;

        Lazy(Supplier<Object> factory) {
            this.factory = factory;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T get() {
            T v = value;
            if (v == null) {
                synchronized (this) {
                    v = value;
                    if (v == null) {
                        v = (T) factory.get();
                        value = v;
                    }
                }
            }
            return v;
        }
    }
}
