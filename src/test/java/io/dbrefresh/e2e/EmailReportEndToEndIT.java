package io.dbrefresh.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbrefresh.local.ExecutionResult;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.testing.SentEmails;
import io.dbrefresh.testing.SentEmails.SentEmail;

/**
 * sendmsg.email through the real state machine: the report of a success and of a failure, as
 * the emulator's SES accepted it (captured on the wire: moto's model dump fails once RDS
 * instances exist), both parts read back; the SNS message still goes out.
 */
class EmailReportEndToEndIT {

    private static final String FROM = "dbrefresh@example.com";
    private static final String DBA = "dba-team@example.com";

    @Test
    void aSuccess_isReportedWithTheNewCopysEndpointClassStorageAndEachStep() throws Exception {
        SentEmails.Outbox outbox = new SentEmails.Outbox();
        try (LocalWorld world = LocalWorld.seededWith(withEmail("rds-latestpoint.json"), outbox)) {
            ExecutionResult result = world.run("e2e-email-success");

            assertThat(result.status()).as(result.error() + " " + result.cause()).isEqualTo("SUCCEEDED");
            SentEmail mail = onlyEmail(outbox);
            assertThat(mail.source()).isEqualTo(FROM);
            assertThat(mail.destinations()).containsExactly(DBA);
            assertThat(mail.subject()).isEqualTo("dbrefresh SUCCEEDED: mysqlinstd refreshed from mysqlinstp");
            String endpoint = RdsRefreshEndToEndIT.describe(world.aws.rds(), "mysqlinstd").endpoint().address();
            for (String part : List.of(mail.text(), mail.html())) {
                assertThat(part).contains("mysqlinstd", "mysqlinstp", "latestpoint", "Data aligned to", endpoint + ":3307",
                        "db.t3.large", "gp3", "perform-restore", "rename-database");
            }
            assertThat(mail.html()).startsWith("<!DOCTYPE html>").contains("<table");
            assertThat(world.account.notifications()).as("the SNS message too").hasSize(1);
        }
    }

    @Test
    void aFailure_isReportedWithTheFailedStepTheErrorWhatRecoveryDidAndWhereTheOldDataIs() throws Exception {
        StatusSequence statuses = new StatusSequence("mysqlinstdtemp", true, "incompatible-restore");
        SentEmails.Outbox outbox = new SentEmails.Outbox();
        try (LocalWorld world = LocalWorld.seededWith(withEmail("rds-latestpoint.json"), new InterceptorChain(statuses, outbox))) {
            ExecutionResult result = world.run("e2e-email-failure");

            assertThat(result.status()).isEqualTo("FAILED");
            SentEmail mail = onlyEmail(outbox);
            assertThat(mail.subject()).isEqualTo("dbrefresh FAILED: mysqlinstd refresh failed at perform-restore");
            for (String part : List.of(mail.text(), mail.html())) {
                assertThat(part).contains("Failed step", "perform-restore", "incompatible-restore", "Recovery did",
                        "Old data is at", "mysqlinstd");
            }
            assertThat(mail.html()).doesNotContain("Endpoint");
        }
    }

    private static SentEmail onlyEmail(SentEmails.Outbox outbox) {
        List<SentEmail> sent = outbox.sent();
        assertThat(sent).hasSize(1);
        return sent.getFirst();
    }

    private static String withEmail(String fixture) throws Exception {
        ObjectNode file = (ObjectNode) Json.MAPPER.readTree(LocalWorld.fixture(fixture));
        ObjectNode email = ((ObjectNode) file.get("sendmsg")).putObject("email");
        email.put("from", FROM);
        email.putArray("to").add(DBA);
        return Json.MAPPER.writeValueAsString(file);
    }
}
