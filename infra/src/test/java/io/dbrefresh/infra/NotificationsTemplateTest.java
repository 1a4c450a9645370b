package io.dbrefresh.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class NotificationsTemplateTest {

    private final Template template = TestDeployments.defaults().template();

    @Test
    void topic_isEncryptedWithTheStacksRotatingKey() {
        template.hasResourceProperties("AWS::SNS::Topic", Match.objectLike(Map.of(
                "KmsMasterKeyId", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("NotificationKey.*"), "Arn")))));
        template.hasResourceProperties("AWS::KMS::Key", Match.objectLike(Map.of("EnableKeyRotation", true)));
    }

    @Test
    void topic_refusesPublishingWithoutTls() {
        template.hasResourceProperties("AWS::SNS::TopicPolicy", Match.objectLike(Map.of(
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Deny",
                        "Action", "sns:Publish",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))))));
    }

    @Test
    void cloudWatchAlarms_mayUseTheKeyAndPublish_fromThisAccountOnly() {
        template.hasResourceProperties("AWS::KMS::Key", Match.objectLike(Map.of(
                "KeyPolicy", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Principal", Map.of("Service", "cloudwatch.amazonaws.com"),
                        "Action", List.of("kms:Decrypt", "kms:GenerateDataKey"),
                        "Condition", Map.of("StringEquals", Map.of("aws:SourceAccount", Map.of("Ref", "AWS::AccountId"))))))))))));
        template.hasResourceProperties("AWS::SNS::TopicPolicy", Match.objectLike(Map.of(
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Allow",
                        "Principal", Map.of("Service", "cloudwatch.amazonaws.com"),
                        "Action", "sns:Publish")))))))));
    }

    @Test
    void withoutEmailsInContext_nobodyIsSubscribed() {
        template.resourceCountIs("AWS::SNS::Subscription", 0);
    }

    @Test
    void everyEmailInContext_isSubscribed() {
        Template full = TestDeployments.fullyConfigured().template();
        full.resourceCountIs("AWS::SNS::Subscription", 2);
        for (String email : List.of("dba@example.com", "oncall@example.com")) {
            full.hasResourceProperties("AWS::SNS::Subscription", Match.objectLike(Map.of(
                    "Protocol", "email", "Endpoint", email)));
        }
    }

    @Test
    void failedTimedOutOrStoppedRefreshes_raiseAnAlarmThatNotifiesTheTopic() {
        template.resourceCountIs("AWS::CloudWatch::Alarm", 1);
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                "Threshold", 1,
                "TreatMissingData", "notBreaching",
                "AlarmActions", List.of(Map.of("Ref", Match.stringLikeRegexp("Notifications.*"))),
                "Metrics", Match.arrayWith(List.of(
                        Match.objectLike(Map.of("Expression", Match.stringLikeRegexp(".*failed.*timedOut.*aborted.*"))),
                        metric("ExecutionsFailed"),
                        metric("ExecutionsTimedOut"),
                        metric("ExecutionsAborted"))))));
    }

    @Test
    void dashboard_showsRefreshesStepErrorsAndTheAlarm() {
        template.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
        String body = template.findResources("AWS::CloudWatch::Dashboard").values().iterator().next()
                .get("Properties").toString();
        assertThat(body).contains("ExecutionsStarted", "ExecutionsFailed", "Errors", "alarms");
    }

    private static Object metric(String name) {
        return Match.objectLike(Map.of("MetricStat", Match.objectLike(Map.of(
                "Metric", Match.objectLike(Map.of("MetricName", name, "Namespace", "AWS/States")),
                "Stat", "Sum"))));
    }
}
