package io.dbrefresh.infra;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class ScriptsBucketTemplateTest {

    private final Template template = TestDeployments.defaults().template();

    @Test
    void scriptsBucket_isVersionedEncryptedAndPrivate() {
        template.hasResourceProperties("AWS::S3::Bucket", Match.objectLike(Map.of(
                "VersioningConfiguration", Map.of("Status", "Enabled"),
                "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Map.of(
                        "ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
                "PublicAccessBlockConfiguration", Map.of(
                        "BlockPublicAcls", true, "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true, "RestrictPublicBuckets", true))));
    }

    @Test
    void scriptsBucket_writesAccessLogsToTheLogBucket() {
        template.hasResourceProperties("AWS::S3::Bucket", Match.objectLike(Map.of(
                "VersioningConfiguration", Map.of("Status", "Enabled"),
                "LoggingConfiguration", Map.of(
                        "DestinationBucketName", Map.of("Ref", Match.stringLikeRegexp("AccessLogs.*")),
                        "LogFilePrefix", "scripts/"))));
    }

    @Test
    void everyBucket_refusesRequestsWithoutTls() {
        template.resourceCountIs("AWS::S3::Bucket", 2);
        template.resourceCountIs("AWS::S3::BucketPolicy", 2);
        template.allResourcesProperties("AWS::S3::BucketPolicy", Match.objectLike(Map.of(
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Deny",
                        "Principal", Map.of("AWS", "*"),
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))))));
    }

    @Test
    void buckets_outliveTheStack() {
        template.allResources("AWS::S3::Bucket", Match.objectLike(Map.of("DeletionPolicy", "Retain")));
    }

    @Test
    void scriptsBucketName_comesFromContextWhenGiven() {
        TestDeployments.fullyConfigured().template().hasResourceProperties("AWS::S3::Bucket", Match.objectLike(Map.of("BucketName", "acme-dbrefresh-scripts")));
    }
}
