package io.dbrefresh.aws;

import java.util.Map;
import java.util.function.Consumer;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.ram.RamClient;
import software.amazon.awssdk.services.ram.model.ResourceOwner;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The AWS services the handlers call, each with the one call that primes it: the request
 * path's classes (client, endpoint rules, marshaller, SigV4 signer, unmarshaller) loaded
 * before a SnapStart snapshot. The call goes through an {@link OfflineHttpClient} with
 * placeholder keys, on a client of its own that is closed at once: it needs no credentials,
 * opens no connection and leaves nothing behind but loaded classes.
 */
public enum AwsService {

    RDS("rds", xml("<DescribeDBInstancesResponse xmlns=\"http://rds.amazonaws.com/doc/2014-10-31/\"><DescribeDBInstancesResult>"
            + "<DBInstances/></DescribeDBInstancesResult></DescribeDBInstancesResponse>"), http -> {
        try (RdsClient c = RdsClient.builder().httpClient(http).region(Placeholder.REGION).credentialsProvider(Placeholder.CREDENTIALS).build()) {
            c.describeDBInstances(r -> r.dbInstanceIdentifier(Placeholder.NAME));
        }
    }),
    DYNAMODB("dynamodb", json("{}"), http -> {
        try (DynamoDbClient c = DynamoDbClient.builder().httpClient(http).region(Placeholder.REGION).credentialsProvider(Placeholder.CREDENTIALS).build()) {
            c.getItem(r -> r.tableName(Placeholder.NAME).key(Map.of("pk", AttributeValue.fromS(Placeholder.NAME))).consistentRead(true));
        }
    }),
    SNS("sns", xml("<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult><MessageId>" + Placeholder.NAME
            + "</MessageId></PublishResult></PublishResponse>"), http -> {
        try (SnsClient c = SnsClient.builder().httpClient(http).region(Placeholder.REGION).credentialsProvider(Placeholder.CREDENTIALS).build()) {
            c.publish(r -> r.topicArn("arn:aws:sns:us-east-1:000000000000:" + Placeholder.NAME).subject(Placeholder.NAME).message(Placeholder.NAME));
        }
    }),
    S3("s3", new OfflineAnswer(200, "application/octet-stream", ""), http -> {
        try (S3Client c = S3Client.builder().httpClient(http).region(Placeholder.REGION).credentialsProvider(Placeholder.CREDENTIALS).build()) {
            c.getObjectAsBytes(r -> r.bucket(Placeholder.NAME).key(Placeholder.NAME + ".sql"));
        }
    }),
    SECRETS_MANAGER("secretsmanager", json("{\"Name\":\"" + Placeholder.NAME + "\",\"SecretString\":\"{}\"}"), http -> {
        try (SecretsManagerClient c = SecretsManagerClient.builder().httpClient(http).region(Placeholder.REGION).credentialsProvider(Placeholder.CREDENTIALS).build()) {
            c.getSecretValue(r -> r.secretId(Placeholder.NAME));
        }
    }),
    SSM("ssm", json("{}"), http -> {
        try (SsmClient c = SsmClient.builder().httpClient(http).region(Placeholder.REGION).credentialsProvider(Placeholder.CREDENTIALS).build()) {
            c.getCommandInvocation(r -> r.commandId(Placeholder.NAME).instanceId("i-00000000000000000"));
        }
    }),
    SFN("sfn", json("{\"events\":[]}"), http -> {
        try (SfnClient c = SfnClient.builder().httpClient(http).region(Placeholder.REGION).credentialsProvider(Placeholder.CREDENTIALS).build()) {
            c.getExecutionHistory(r -> r.executionArn("arn:aws:states:us-east-1:000000000000:execution:" + Placeholder.NAME + ":"
                    + Placeholder.NAME).includeExecutionData(true));
        }
    }),
    LAMBDA("lambda", new OfflineAnswer(202, "application/json", ""), http -> {
        try (LambdaClient c = LambdaClient.builder().httpClient(http).region(Placeholder.REGION).credentialsProvider(Placeholder.CREDENTIALS).build()) {
            c.invoke(r -> r.functionName(Placeholder.NAME).invocationType(InvocationType.EVENT).payload(SdkBytes.fromUtf8String("{}")));
        }
    }),
    KMS("kms", json("{\"KeyMetadata\":{\"KeyId\":\"" + "dbrefresh-priming" + "\",\"KeyState\":\"Enabled\",\"Enabled\":true}}"), http -> {
        try (KmsClient c = KmsClient.builder().httpClient(http).region(Placeholder.REGION).credentialsProvider(Placeholder.CREDENTIALS).build()) {
            c.describeKey(r -> r.keyId("alias/" + Placeholder.NAME));
        }
    }),
    SES("ses", xml("<GetIdentityVerificationAttributesResponse xmlns=\"http://ses.amazonaws.com/doc/2010-12-01/\">"
            + "<GetIdentityVerificationAttributesResult><VerificationAttributes/></GetIdentityVerificationAttributesResult>"
            + "</GetIdentityVerificationAttributesResponse>"), http -> {
        try (SesClient c = SesClient.builder().httpClient(http).region(Placeholder.REGION).credentialsProvider(Placeholder.CREDENTIALS).build()) {
            c.getIdentityVerificationAttributes(r -> r.identities(Placeholder.NAME + ".example.com"));
        }
    }),
    EC2("ec2", xml("<DescribeSecurityGroupsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><securityGroupInfo/>"
            + "</DescribeSecurityGroupsResponse>"), http -> {
        try (Ec2Client c = Ec2Client.builder().httpClient(http).region(Placeholder.REGION).credentialsProvider(Placeholder.CREDENTIALS).build()) {
            c.describeSecurityGroups(r -> r.filters(f -> f.name("group-id").values("sg-00000000")));
        }
    }),
    RAM("ram", new OfflineAnswer(200, "application/json", "{\"resourceShares\":[]}"), http -> {
        try (RamClient c = RamClient.builder().httpClient(http).region(Placeholder.REGION).credentialsProvider(Placeholder.CREDENTIALS).build()) {
            c.getResourceShares(r -> r.resourceOwner(ResourceOwner.SELF).name(Placeholder.NAME));
        }
    });

    private final String sdkModule;
    private final OfflineAnswer answer;
    private final Consumer<OfflineHttpClient> call;

    AwsService(String sdkModule, OfflineAnswer answer, Consumer<OfflineHttpClient> call) {
        this.sdkModule = sdkModule;
        this.answer = answer;
        this.call = call;
    }

    /**
     * The SDK module of this service: its Maven artifact and its package under
     * {@code software.amazon.awssdk.services}. A function's jar holds the modules of its services only.
     */
    public String sdkModule() {
        return sdkModule;
    }

    /**
     * Sends this service's priming call through {@code http}. A service error is an answer
     * too (its classes are loaded the same way), so only a failure to build or read the
     * call escapes.
     */
    void prime(OfflineHttpClient http) {
        try {
            call.accept(http);
        } catch (SdkServiceException answered) {
            // the error path of the request is primed as well; nothing to do
        }
    }

    /** Primes this service through a client that answers from memory. */
    public OfflineHttpClient prime() {
        OfflineHttpClient http = answer.client();
        prime(http);
        return http;
    }

    private static OfflineAnswer xml(String body) {
        return new OfflineAnswer(200, "text/xml", body);
    }

    private static OfflineAnswer json(String body) {
        return new OfflineAnswer(200, "application/x-amz-json-1.1", body);
    }

    /** Read only inside the calls: an enum's constants cannot use its static fields while they are built. */
    private static final class Placeholder {
        static final String NAME = "dbrefresh-priming";
        static final Region REGION = Region.US_EAST_1;
        // placeholder keys: the call is signed as a real one would be, and no real credential is looked up or kept
        static final AwsCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming"));
    }

    /** What the offline client answers for this service's call. */
    record OfflineAnswer(int status, String contentType, String body) {
        OfflineHttpClient client() {
            return new OfflineHttpClient(status, contentType, body);
        }
    }
}
